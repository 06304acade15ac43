/* SPDX-License-Identifier: MIT */
/*
 * evtchn_timer: set_timer_op and VIRQ_TIMER.
 *
 * What: with VIRQ_TIMER bound to T and upcalls masked: set_timer_op(now +
 * 20 ms) then block (again after early wake-ups, up to a 2 s back-stop)
 * ends with T pending, not before system time reached the deadline and
 * well before the back-stop. The timer is one-shot: no second firing in
 * the next 100 ms. A deadline in the past (1 ns) fires at once (poll on T
 * returns before a 1 s time-out). set_timer_op(0) cancels an armed timer,
 * and a new deadline replaces the old one (1 s replaced by 20 ms fires
 * early). set_timer_op returns 0 each time.
 *
 * Why: sched.h set_timer_op and DESIGN.md section 6: the one-shot timer
 * is a PV kernel's only clock interrupt; idle guests block on it.
 *
 * Broken hypervisor: the timer never fires (time-out), fires early or
 * repeatedly, ignores cancellation, or fires the old deadline.
 */
#include <xt.h>

const char test_title[] = "set_timer_op: VIRQ_TIMER once at the deadline; 0 cancels";

static shale_evtchn_port_t t;

/* Polls T until time-out; returns ns waited. */
static uint64_t poll_t(uint64_t timeout_ns)
{
	uint64_t start = xt_now_ns();

	xt_expect_rc(hc_sched_poll(&t, 1, start + timeout_ns), 0, "poll on T");
	return xt_now_ns() - start;
}

static void block_until_fired(void)
{
	uint64_t start = xt_now_ns(), deadline = start + 20 * XT_MS, now;

	xt_expect_rc(hc_set_timer_op(deadline), 0, "set_timer_op(now + 20 ms)");
	do {
		xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_block, NULL), 0, "block");
		now = xt_now_ns();
	} while (!xt_evtchn_pending(t) && now - start < 2000 * XT_MS);
	if (!xt_expect_eq(xt_evtchn_pending(t), 1, "T pending after block"))
		return;
	if (now < deadline)
		xt_fail("VIRQ_TIMER fired %lu ns before the deadline", deadline - now);
	xt_expect_eq(xt_upcall_pending(), 1, "evtchn_upcall_pending after the timer");
}

void test_main(void)
{
	long port = xt_evtchn_bind_virq(SHALE_VIRQ_TIMER, 0);

	if (!xt_expect_eq(port > 0, 1, "bind_virq(TIMER)"))
		return;
	t = port;
	xt_events_clear_all();
	block_until_fired();

	xt_events_clear_all();
	poll_t(100 * XT_MS);
	xt_expect_eq(xt_evtchn_pending(t), 0, "T pending again: the timer is not one-shot");

	xt_expect_rc(hc_set_timer_op(1), 0, "set_timer_op(1 ns): in the past");
	if (poll_t(1000 * XT_MS) >= 500 * XT_MS)
		xt_fail("a deadline in the past did not fire at once");
	xt_expect_eq(xt_evtchn_pending(t), 1, "T pending after a deadline in the past");

	xt_events_clear_all();
	xt_expect_rc(hc_set_timer_op(xt_now_ns() + 20 * XT_MS), 0, "set_timer_op(now + 20 ms)");
	xt_expect_rc(hc_set_timer_op(0), 0, "set_timer_op(0)");
	poll_t(100 * XT_MS);
	xt_expect_eq(xt_evtchn_pending(t), 0, "T pending after set_timer_op(0) cancelled it");

	xt_expect_rc(hc_set_timer_op(xt_now_ns() + 1000 * XT_MS), 0, "set_timer_op(now + 1 s)");
	xt_expect_rc(hc_set_timer_op(xt_now_ns() + 20 * XT_MS), 0, "set_timer_op(now + 20 ms)");
	if (poll_t(500 * XT_MS) >= 500 * XT_MS)
		xt_fail("the replacing 20 ms deadline did not fire within 500 ms");
	xt_expect_eq(xt_evtchn_pending(t), 1, "T pending after the replacing deadline");

	hc_set_timer_op(0);
	xt_evtchn_close(t);
	xt_events_clear_all();
	xt_pass();
}
