/* SPDX-License-Identifier: MIT */
/*
 * Event channels: the one-bit notifications between domains, from the
 * hypervisor (virtual IRQs) and between a domain's vCPUs.
 *
 *   long event_channel_op(unsigned int cmd, void *arg)
 *
 * A port is an index into the domain's 4096-bit evtchn_pending and
 * evtchn_mask bitmaps in shared_info (port 0 is never allocated). When a
 * port fires, the hypervisor sets its pending bit; if its mask bit is
 * clear it also sets the word's bit in vcpu_info.evtchn_pending_sel and
 * vcpu_info.evtchn_upcall_pending, wakes the bound vCPU, and, unless
 * vcpu_info.evtchn_upcall_mask is set, delivers an upcall: a bounce frame
 * (error_code 0) to the event callback registered with set_callbacks, with
 * upcalls masked; the guest returns with iret. A masked port stays
 * pending; unmasking it with SHALE_EVTCHNOP_unmask delivers it then.
 *
 * Sub-ops (each arg is the struct named after it; IN fields are read,
 * OUT fields written):
 *   alloc_unbound (6): a port that remote_dom may bind to. OUT port.
 *     -ESRCH no such remote domain; -ENOSPC no free port; -EPERM dom is
 *     not SELF and the caller is not privileged.
 *   bind_interdomain (0): connect a new local port to remote_port of
 *     remote_dom, which must be unbound and offered to the caller.
 *     OUT local_port, which starts pending (whatever the peer sent before
 *     the bind is not lost). -ESRCH, -EINVAL (remote port not offered to us or
 *     not unbound), -ENOSPC.
 *   bind_virq (1): a port for virq (SHALE_VIRQ_*) on vcpu. OUT port.
 *     -EINVAL unknown virq or vcpu, -EEXIST virq already bound,
 *     -EPERM a global virq (console, dom_exc) for an unprivileged domain.
 *   bind_ipi (7): a port that notifies vcpu of the same domain. OUT port.
 *   close (3): frees port; an interdomain peer's port becomes unbound
 *     again (offered to the closer). -EINVAL bad or free port.
 *   send (4): notifies the other end: the peer port of an interdomain
 *     channel, or the bound vCPU of an IPI port. -EINVAL bad port, or a
 *     port that is free, unbound or bound to a virq.
 *   status (5): describes port of dom (SELF, or any for a privileged
 *     caller). -EINVAL bad port, -ESRCH, -EPERM.
 *   unmask (9): clears port's mask bit and delivers it if pending.
 *     -EINVAL bad port.
 * Any other cmd: -ENOSYS. Every port value, 0 to 0xffffffff, is checked.
 */
#ifndef SHALE_PUBLIC_EVENT_CHANNEL_H
#define SHALE_PUBLIC_EVENT_CHANNEL_H

#include "shale.h"

#define SHALE_EVTCHNOP_bind_interdomain	0
#define SHALE_EVTCHNOP_bind_virq		1
#define SHALE_EVTCHNOP_close			3
#define SHALE_EVTCHNOP_send			4
#define SHALE_EVTCHNOP_status			5
#define SHALE_EVTCHNOP_alloc_unbound		6
#define SHALE_EVTCHNOP_bind_ipi			7
#define SHALE_EVTCHNOP_unmask			9

#define SHALE_NR_EVENT_CHANNELS	4096

/* Virtual IRQs. */
#define SHALE_VIRQ_TIMER	0	/* per vCPU: the set_timer_op deadline passed */
#define SHALE_VIRQ_DEBUG	1	/* per vCPU: debug request */
#define SHALE_VIRQ_CONSOLE	2	/* global, dom0: console input arrived */
#define SHALE_VIRQ_DOM_EXC	3	/* global, dom0: a domain shut down or died */
#define SHALE_NR_VIRQS		4

#ifndef __ASSEMBLER__
struct shale_evtchn_alloc_unbound {
	shale_domid_t dom;		/* IN: SELF (or, privileged, another domain) */
	shale_domid_t remote_dom;	/* IN: who may bind to the port */
	shale_evtchn_port_t port;	/* OUT */
};	/* 8 bytes */

struct shale_evtchn_bind_interdomain {
	shale_domid_t remote_dom;	/* IN */
	uint16_t pad;			/* must be 0 */
	shale_evtchn_port_t remote_port;	/* IN */
	shale_evtchn_port_t local_port;	/* OUT */
};	/* 12 bytes */

struct shale_evtchn_bind_virq {
	uint32_t virq;			/* IN: SHALE_VIRQ_* */
	uint32_t vcpu;			/* IN: which vCPU receives it */
	shale_evtchn_port_t port;	/* OUT */
};	/* 12 bytes */

struct shale_evtchn_bind_ipi {
	uint32_t vcpu;			/* IN */
	shale_evtchn_port_t port;	/* OUT */
};	/* 8 bytes */

struct shale_evtchn_port_arg {
	shale_evtchn_port_t port;	/* IN: for close, send and unmask */
};	/* 4 bytes */

#define SHALE_EVTCHNSTAT_closed		0	/* free */
#define SHALE_EVTCHNSTAT_unbound	1	/* offered to remote_dom */
#define SHALE_EVTCHNSTAT_interdomain	2	/* connected */
#define SHALE_EVTCHNSTAT_virq		4
#define SHALE_EVTCHNSTAT_ipi		5

struct shale_evtchn_status {
	shale_domid_t dom;		/* IN */
	uint16_t pad;			/* must be 0 */
	shale_evtchn_port_t port;	/* IN */
	uint32_t status;		/* OUT: SHALE_EVTCHNSTAT_* */
	uint32_t vcpu;			/* OUT: the vCPU it notifies */
	union {
		struct {
			shale_domid_t dom;
			uint16_t pad;
		} unbound;		/* OUT: who may bind */
		struct {
			shale_domid_t dom;
			uint16_t pad;
			shale_evtchn_port_t port;
		} interdomain;		/* OUT: the peer */
		uint32_t virq;		/* OUT */
	} u;
};	/* 24 bytes */

_Static_assert(sizeof(struct shale_evtchn_alloc_unbound) == 8, "alloc_unbound size");
_Static_assert(sizeof(struct shale_evtchn_bind_interdomain) == 12, "bind_interdomain size");
_Static_assert(sizeof(struct shale_evtchn_bind_virq) == 12, "bind_virq size");
_Static_assert(sizeof(struct shale_evtchn_bind_ipi) == 8, "bind_ipi size");
_Static_assert(sizeof(struct shale_evtchn_status) == 24, "status size");
#endif

#endif /* SHALE_PUBLIC_EVENT_CHANNEL_H */
