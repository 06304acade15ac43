/* SPDX-License-Identifier: MIT */
/*
 * sched_poll: SCHEDOP_poll waits for listed ports or a time-out.
 *
 * What: with upcalls masked and a 2 s time-out as a back-stop: poll on a
 * pending IPI port (alone, last of three, or masked) returns 0 at once
 * (within 1 s); poll on ports that stay quiet with a 50 ms time-out
 * returns 0 after system time advanced by at least 40 ms (the time-out
 * minus the 10 ms tick); poll on VIRQ_TIMER with set_timer_op(now + 20 ms)
 * returns with the port pending, well before the back-stop; 128 quiet
 * ports (SHALE_SCHED_POLL_MAX) are a valid list. Refused
 * without blocking: ports 0, 4096, 0xffffffff (alone or after a good
 * port) -EINVAL; nr_ports 129 and 0xffffffff -EINVAL; pad != 0 -EINVAL;
 * each bad pointer as arg or as ports -EFAULT.
 *
 * Why: sched.h poll: a guest spinlock or a driver waits for one port
 * without taking upcalls; bad lists must not block or read past them.
 *
 * Broken hypervisor: sleeps through a pending port, ignores the
 * time-out (the runner's time-out), returns before it, or copies
 * nr_ports * 4 bytes unchecked into a fixed array.
 */
#include <xt.h>

const char test_title[] = "sched_op poll: pending ports, time-outs, bad lists";

static uint64_t timed_poll(const shale_evtchn_port_t *ports, unsigned int n, uint64_t timeout,
			   long expect, const char *what)
{
	uint64_t start = xt_now_ns();

	xt_expect_refused(hc_sched_poll(ports, n, start + timeout), expect, what);
	return xt_now_ns() - start;
}

static void bad_lists(shale_evtchn_port_t good)
{
	const struct {
		shale_evtchn_port_t ports[2];
		unsigned int n;
	} lists[] = {
		{ { 0 }, 1 }, { { 4096 }, 1 }, { { 0xffffffff }, 1 }, { { good, 0 }, 2 },
		{ { good, 4096 }, 2 }, { { good, 0xffffffff }, 2 },
	};
	static shale_evtchn_port_t many[SHALE_SCHED_POLL_MAX + 1];
	struct shale_sched_poll p = { .ports = (uint64_t)many, .nr_ports = 1, .pad = 1 };
	char w[80];

	for (unsigned int i = 0; i < ARRAY_SIZE(lists); i++) {
		xt_snprintf(w, sizeof(w), "poll on %u port(s) {0x%x, 0x%x}", lists[i].n,
			    lists[i].ports[0], lists[i].ports[1]);
		timed_poll(lists[i].ports, lists[i].n, 2000 * XT_MS, -SHALE_EINVAL, w);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(many); i++)
		many[i] = good;
	timed_poll(many, SHALE_SCHED_POLL_MAX, 20 * XT_MS, 0, "poll on 128 quiet ports, 20 ms");
	timed_poll(many, SHALE_SCHED_POLL_MAX + 1, 2000 * XT_MS, -SHALE_EINVAL,
		   "poll with nr_ports 129");
	timed_poll(many, 0xffffffff, 2000 * XT_MS, -SHALE_EINVAL, "poll with nr_ports 2^32-1");
	xt_expect_refused(hc_sched_op(SHALE_SCHEDOP_poll, &p), -SHALE_EINVAL, "poll with pad 1");
	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++) {
		xt_snprintf(w, sizeof(w), "poll, arg %s", xt_bad_ptrs[i].name);
		xt_expect_refused(hc_sched_op(SHALE_SCHEDOP_poll, (void *)xt_bad_ptrs[i].addr),
				  -SHALE_EFAULT, w);
		xt_snprintf(w, sizeof(w), "poll, ports %s", xt_bad_ptrs[i].name);
		timed_poll((void *)xt_bad_ptrs[i].addr, 1, 2000 * XT_MS, -SHALE_EFAULT, w);
	}
}

void test_main(void)
{
	long ipi = xt_evtchn_bind_ipi(0), q1 = xt_evtchn_bind_ipi(0), q2 = xt_evtchn_bind_ipi(0);
	long t = xt_evtchn_bind_virq(SHALE_VIRQ_TIMER, 0);
	shale_evtchn_port_t quiet[2] = { q1, q2 }, three[3] = { q1, q2, ipi };
	shale_evtchn_port_t one = ipi, timer = t;
	uint64_t took;

	if (!xt_expect_eq(ipi > 0 && q1 > 0 && q2 > 0 && t > 0, 1, "binding ports"))
		return;
	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_send(ipi), 0, "send on the IPI port");
	if (timed_poll(&one, 1, 2000 * XT_MS, 0, "poll on a pending port") >= 1000 * XT_MS)
		xt_fail("poll on a pending port blocked");
	if (timed_poll(three, 3, 2000 * XT_MS, 0, "poll on three, the last pending") >= 1000 * XT_MS)
		xt_fail("poll on three ports, the last pending, blocked");
	xt_evtchn_set_mask(ipi, true);
	if (timed_poll(&one, 1, 2000 * XT_MS, 0, "poll on a masked pending port") >= 1000 * XT_MS)
		xt_fail("poll on a masked pending port blocked");
	xt_evtchn_set_mask(ipi, false);

	took = timed_poll(quiet, 2, 50 * XT_MS, 0, "poll on quiet ports, 50 ms time-out");
	if (took < 40 * XT_MS)
		xt_fail("poll with a 50 ms time-out returned after %lu us", took / 1000);

	xt_events_clear_all();
	hc_set_timer_op(xt_now_ns() + 20 * XT_MS);
	took = timed_poll(&timer, 1, 2000 * XT_MS, 0, "poll on VIRQ_TIMER");
	xt_expect_eq(xt_evtchn_pending(t), 1, "VIRQ_TIMER pending after poll");
	if (took >= 1000 * XT_MS)
		xt_fail("poll on VIRQ_TIMER returned after %lu ms, not at the timer", took / XT_MS);

	bad_lists(ipi);
	xt_events_clear_all();
	xt_pass();
}
