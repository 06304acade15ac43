/* SPDX-License-Identifier: MIT */
/*
 * Event channels seen from the guest: the upcall, per-port handlers, and
 * the virtual interrupt flag (include/public/event_channel.h has the ABI).
 *
 * When a port fires the hypervisor sets its pending bit and, unless the
 * port is masked, raises an upcall: arch/x86/entry.S saves every register
 * and calls do_upcall(), which scans evtchn_pending_sel and the pending
 * words (pending & ~mask), clears each pending bit and calls the port's
 * handler, then returns through the iret hypercall.
 *
 * Handlers run with upcalls masked, on the stack of whatever was
 * interrupted (a thread or the idle loop): they must be short and must
 * not block, sleep or call schedule(); wake a thread (wake_up(),
 * wake_thread()) instead. Every port starts masked; the bind functions
 * install the handler and then unmask the port, so an event that arrived
 * before is delivered at once rather than lost.
 *
 * The virtual interrupt flag is vcpu_info.evtchn_upcall_mask:
 * local_irq_save()/local_irq_restore() bracket code that shares data with
 * handlers. Upcalls are masked until events_init() enables them.
 *
 * Functions returning int give 0 or a negative SHALE_E* value; those
 * returning long give a port (>= 1) or a negative SHALE_E* value.
 */
#ifndef SHALE_GUEST_EVENTS_H
#define SHALE_GUEST_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <public/event_channel.h>
#include "compiler.h"
#include "kernel.h"
#include "traps.h"

typedef shale_evtchn_port_t evtchn_port_t;

/* Called with upcalls masked for each event on port; data as given at bind time. */
typedef void (*evtchn_handler_t)(evtchn_port_t port, void *data);

/*
 * Masks every port, registers the upcall and failsafe entry points with
 * set_callbacks and enables upcalls. Called once by start_kernel(); a
 * refusal crashes the domain (nothing could ever wake it).
 */
void events_init(void);

/* Called by arch/x86/entry.S on an upcall, with the interrupted registers. */
void do_upcall(struct trap_regs *regs);

/* Called by arch/x86/entry.S if the hypervisor ever uses the failsafe callback. */
__noreturn void events_failsafe(void);

/*
 * Binds virtual IRQ virq (SHALE_VIRQ_*) on vCPU 0 to handler. Returns the
 * port, or -SHALE_EEXIST (already bound), -SHALE_EPERM (a global virq,
 * console or dom_exc, in an unprivileged domain), -SHALE_EINVAL.
 */
long bind_virq(uint32_t virq, evtchn_handler_t handler, void *data);

/* A port that notifies vCPU vcpu of this domain (0 for now). Returns the port or an error. */
long evtchn_bind_ipi(uint32_t vcpu, evtchn_handler_t handler, void *data);

/*
 * A new port of ours that remote_dom (SHALE_DOMID_SELF for ourselves) may
 * bind to with evtchn_bind_interdomain(); *port receives it. Its handler
 * runs when the remote end sends. -SHALE_ESRCH no such domain,
 * -SHALE_ENOSPC no free port.
 */
int evtchn_alloc_unbound(shale_domid_t remote_dom, evtchn_handler_t handler, void *data,
			 evtchn_port_t *port);

/*
 * Connects a new local port to remote_port of remote_dom (an unbound port
 * offered to us; SHALE_DOMID_SELF for one of our own), with handler; the
 * local port goes to *local_port. The hypervisor marks the new port
 * pending once (whatever was sent before is not lost), so the handler
 * runs right after the bind. -SHALE_EINVAL (not offered to us or not
 * unbound), -SHALE_ESRCH, -SHALE_ENOSPC.
 */
int evtchn_bind_interdomain(shale_domid_t remote_dom, evtchn_port_t remote_port,
			    evtchn_handler_t handler, void *data, evtchn_port_t *local_port);

/*
 * Privileged (toolstack): allocates an unbound port in domain dom's table
 * that remote_dom may bind, e.g. a new domain's store or console channel.
 * No handler: the port is dom's. *port receives it.
 */
int evtchn_alloc_unbound_in(shale_domid_t dom, shale_domid_t remote_dom, evtchn_port_t *port);

/*
 * Installs handler on port, which exists already (start_info's
 * store_evtchn or console_evtchn, for example), and unmasks it.
 * -SHALE_EINVAL for a port out of range, -SHALE_EBUSY if it has a handler.
 */
int bind_evtchn(evtchn_port_t port, evtchn_handler_t handler, void *data);

/*
 * Masks port, forgets its handler, closes it and clears anything pending.
 * An interdomain peer's port becomes unbound again. -SHALE_EINVAL for a
 * port that is not open.
 */
int unbind_evtchn(evtchn_port_t port);

/* Sends an event on port (interdomain: to the peer; IPI: to the vCPU). */
int notify_remote_via_evtchn(evtchn_port_t port);

/* Sets port's mask bit: its events stay pending, no upcall. */
void mask_evtchn(evtchn_port_t port);

/* Clears port's mask bit through the hypercall, which delivers an event that is pending. */
void unmask_evtchn(evtchn_port_t port);

/* Clears port's pending bit. */
void clear_evtchn(evtchn_port_t port);

/* True when port's pending bit is set. */
bool evtchn_pending(evtchn_port_t port);

/* SHALE_EVTCHNOP_status of port in domain dom (SHALE_DOMID_SELF, or any for dom0). */
int evtchn_status(shale_domid_t dom, evtchn_port_t port, struct shale_evtchn_status *st);

/* Upcalls taken and events handled since boot, events no handler claimed. */
struct events_stats {
	unsigned long upcalls;
	unsigned long events;
	unsigned long unhandled;
};

void events_get_stats(struct events_stats *st);

/* True while do_upcall() runs (handlers must not block). */
bool in_event_handler(void);

/* Makes the hypervisor deliver a pending upcall now: any hypercall's return does. */
void force_evtchn_callback(void);

/* The virtual interrupt flag: vCPU 0's evtchn_upcall_mask. */
static inline volatile uint8_t *upcall_mask_ptr(void)
{
	return &shared_info->vcpu_info[0].evtchn_upcall_mask;
}

static inline bool upcall_pending(void)
{
	return __atomic_load_n(&shared_info->vcpu_info[0].evtchn_upcall_pending,
			       __ATOMIC_SEQ_CST);
}

/* Masks upcalls and returns the previous mask, for local_irq_restore(). */
static inline unsigned long local_irq_save(void)
{
	unsigned long flags = *upcall_mask_ptr();

	*upcall_mask_ptr() = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return flags;
}

/*
 * Puts the mask back as local_irq_save() found it. Unmasking with an
 * upcall pending delivers it at once: nothing waits for the next tick.
 */
static inline void local_irq_restore(unsigned long flags)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	*upcall_mask_ptr() = (uint8_t)flags;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!flags && upcall_pending())
		force_evtchn_callback();
}

static inline void local_irq_disable(void)
{
	local_irq_save();
}

static inline void local_irq_enable(void)
{
	local_irq_restore(0);
}

static inline bool irqs_disabled(void)
{
	return *upcall_mask_ptr() != 0;
}

#endif /* SHALE_GUEST_EVENTS_H */
