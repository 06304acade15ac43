/* SPDX-License-Identifier: MIT */
/*
 * Time and event channels as a guest sees them: system time read from
 * vcpu_time_info and rdtsc without a hypercall, event_channel_op with the
 * port as the result, the pending/mask bits in shared_info, and upcalls to
 * an event callback (include/public/event_channel.h, shared_info.h).
 */
#ifndef SHALE_XT_EVENTS_H
#define SHALE_XT_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <public/event_channel.h>
#include <public/shared_info.h>

/* The CPU's time-stamp counter. */
uint64_t xt_rdtsc(void);

/* ns of a TSC delta under t's scale (shared_info.h formula). */
uint64_t xt_tsc_to_ns(const struct shale_vcpu_time_info *t, uint64_t tsc_delta);

/*
 * A consistent copy of vCPU 0's vcpu_time_info (version even and unchanged
 * across the copy; retries otherwise). Returns the number of retries; after
 * XT_TIME_MAX_RETRIES it gives up and returns the last copy, whose version
 * may then be odd (a hypervisor that never finishes an update).
 */
#define XT_TIME_MAX_RETRIES	1000000u
unsigned int xt_time_snapshot(struct shale_vcpu_time_info *t);

/* System time now, ns since boot: system_time_ns + scaled (rdtsc - tsc_timestamp). */
uint64_t xt_now_ns(void);

/*
 * Waits until system time passes now + ns: set_timer_op and block, again
 * after each early wake-up (block returns at once while an upcall is
 * pending, so with one pending this spins). Leaves the timer cancelled.
 */
void xt_sleep_ns(uint64_t ns);

#define XT_MS	((uint64_t)1000000)	/* ns in a millisecond */

/*
 * event_channel_op sub-ops with the port as result: the port (> 0) or
 * -SHALE_E*. close, send and unmask return 0 or -SHALE_E*.
 */
long xt_evtchn_alloc_unbound(shale_domid_t dom, shale_domid_t remote_dom);
long xt_evtchn_bind_interdomain(shale_domid_t remote_dom, shale_evtchn_port_t remote_port);
long xt_evtchn_bind_virq(uint32_t virq, uint32_t vcpu);
long xt_evtchn_bind_ipi(uint32_t vcpu);
long xt_evtchn_close(shale_evtchn_port_t port);
long xt_evtchn_send(shale_evtchn_port_t port);
long xt_evtchn_unmask(shale_evtchn_port_t port);
/* status of port in dom into *st (zeroed first); 0 or -SHALE_E*. */
long xt_evtchn_status(shale_domid_t dom, shale_evtchn_port_t port, struct shale_evtchn_status *st);

/* The bits of port (< 4096) in shared_info and vCPU 0's vcpu_info. */
bool xt_evtchn_pending(shale_evtchn_port_t port);
bool xt_evtchn_masked(shale_evtchn_port_t port);
bool xt_evtchn_sel(shale_evtchn_port_t port);	/* the selector bit of port's word */
void xt_evtchn_set_mask(shale_evtchn_port_t port, bool masked);	/* by the guest, no hypercall */
void xt_evtchn_clear(shale_evtchn_port_t port);	/* clears the pending bit */
uint8_t xt_upcall_pending(void);
/* Clears every pending bit, the selector and evtchn_upcall_pending (a quiet start). */
void xt_events_clear_all(void);

/*
 * Upcalls. xt_events_enable registers the framework's event callback
 * (set_callbacks) and clears vcpu_info.evtchn_upcall_mask; then, as
 * event_channel.h describes, each event on an unmasked port enters the
 * callback. It counts the upcall, records the mask it ran with, clears
 * evtchn_upcall_pending, takes the selector and the pending unmasked bits
 * of the selected words (clearing them) and calls fn(port) for each, then
 * returns with iret. Returns set_callbacks' result. xt_events_disable
 * masks upcalls and unregisters the callback.
 */
typedef void (*xt_event_fn)(shale_evtchn_port_t port);
long xt_events_enable(xt_event_fn fn);
void xt_events_disable(void);

extern volatile uint64_t xt_upcall_count;		/* upcalls entered so far */
extern volatile uint8_t xt_upcall_mask_seen;	/* evtchn_upcall_mask inside the last one */
extern volatile uint64_t xt_upcall_frame_cs;	/* the last upcall frame's cs (saved mask) */

#endif /* SHALE_XT_EVENTS_H */
