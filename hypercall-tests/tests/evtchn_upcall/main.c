/* SPDX-License-Identifier: MIT */
/*
 * evtchn_upcall: events enter the event callback, one upcall per event.
 *
 * What: with the framework's callback registered (set_callbacks) and
 * vcpu_info.evtchn_upcall_mask cleared, five sends on an IPI port P give
 * five upcalls, each before the send's caller runs on, each seeing P,
 * running with the mask set and the old mask (0) saved in the frame's cs;
 * after the callback's iret the mask is 0 again. A masked P gives no
 * upcall until unmask. With upcalls masked by the guest a send only sets
 * evtchn_upcall_pending; clearing the mask and making any hypercall
 * delivers it. A blocked vCPU woken by VIRQ_TIMER takes the upcall on its
 * way out of block.
 *
 * Why: event_channel.h and docs/SCHEDULER.md: the upcall is how every PV
 * kernel receives interrupts; it must arrive exactly when the guest can
 * take it and never while it cannot.
 *
 * Broken hypervisor: no upcall (the callback is never entered), upcalls
 * with the mask still clear (nested upcalls), a mask not restored by
 * iret, an upcall through a masked port or while upcalls are masked, or
 * one lost across block.
 */
#include <xt.h>

const char test_title[] = "evtchn upcall: callback per event, mask set inside, iret restores";

static volatile unsigned int seen[SHALE_NR_EVENT_CHANNELS];

static void on_event(shale_evtchn_port_t port)
{
	seen[port]++;
}

static void expect_upcalls(uint64_t count, unsigned int port_seen, long port, const char *what)
{
	char w[96];

	xt_snprintf(w, sizeof(w), "%s: upcalls so far", what);
	xt_expect_eq(xt_upcall_count, count, w);
	xt_snprintf(w, sizeof(w), "%s: upcalls that saw port %ld", what, port);
	xt_expect_eq(seen[port], port_seen, w);
}

static void timer_wake(void)
{
	long t = xt_evtchn_bind_virq(SHALE_VIRQ_TIMER, 0);
	uint64_t before = xt_upcall_count, deadline = xt_now_ns() + 2000 * XT_MS;

	if (!xt_expect_eq(t > 0, 1, "bind_virq(TIMER)"))
		return;
	hc_set_timer_op(xt_now_ns() + 20 * XT_MS);
	/* Wake-ups may be spurious: block until the timer's upcall came. */
	while (!seen[t] && xt_now_ns() < deadline)
		xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_block, NULL), 0, "block");
	xt_expect_eq(seen[t], 1, "VIRQ_TIMER upcalls after block");
	xt_expect_eq(xt_upcall_count > before, 1, "an upcall came with the wake-up");
	xt_evtchn_close(t);
}

void test_main(void)
{
	volatile uint8_t *mask = &xt_shared_info->vcpu_info[0].evtchn_upcall_mask;
	long p = xt_evtchn_bind_ipi(0);
	uint64_t n;

	if (!xt_expect_eq(p > 0, 1, "bind_ipi"))
		return;
	xt_events_clear_all();
	if (!xt_expect_rc(xt_events_enable(on_event), 0, "set_callbacks(event callback)"))
		return;
	for (n = 1; n <= 5; n++) {
		xt_expect_rc(xt_evtchn_send(p), 0, "send on P");
		expect_upcalls(n, n, p, "send on P");
		xt_expect_eq(xt_upcall_mask_seen, 1, "evtchn_upcall_mask inside the callback");
		xt_expect_eq((xt_upcall_frame_cs >> SHALE_FRAME_CS_MASK_SHIFT) & 0xff, 0,
			     "mask saved in the upcall frame's cs");
		xt_expect_eq(*mask, 0, "evtchn_upcall_mask after the callback's iret");
	}
	xt_expect_eq(xt_evtchn_pending(p), 0, "P's pending bit after the callback");

	xt_evtchn_set_mask(p, true);
	xt_expect_rc(xt_evtchn_send(p), 0, "send on masked P");
	expect_upcalls(5, 5, p, "send on masked P");
	xt_expect_rc(xt_evtchn_unmask(p), 0, "unmask P");
	expect_upcalls(6, 6, p, "unmask of pending P");

	*mask = 1;
	xt_expect_rc(xt_evtchn_send(p), 0, "send with upcalls masked");
	expect_upcalls(6, 6, p, "send with upcalls masked");
	xt_expect_eq(xt_upcall_pending(), 1, "evtchn_upcall_pending with upcalls masked");
	*mask = 0;
	hc_version(SHALE_VERSION_version, NULL);
	expect_upcalls(7, 7, p, "first hypercall after clearing the mask");

	timer_wake();
	xt_events_disable();
	xt_evtchn_close(p);
	xt_pass();
}
