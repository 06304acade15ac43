/* SPDX-License-Identifier: MIT */
/*
 * sched_yield_other: yield lets another runnable domain run.
 *
 * What: this kernel runs twice. d1 ("spinner") binds the port dom0
 * offers, prints its RESULT and then spins without ever blocking. dom0
 * then yields 20 times; across each yield d1's cpu_time_ns
 * (getdomaininfo) must grow: d1 was runnable, so it ran before dom0 got
 * the CPU back. Each yield returns 0, and dom0 keeps the CPU time it is
 * due (it is not starved either: the test finishes).
 *
 * Why: sched.h: yield "let[s] other vCPUs run"; docs/SCHEDULER.md:
 * "yield moves the caller behind every other runnable vCPU". Guests
 * yield in spin-wait loops, expecting the holder to get the CPU.
 *
 * Broken hypervisor: yield returns to the caller at once while another
 * vCPU waits (the spin-waiter burns its whole slice), or the spinner
 * starves dom0 (time-out).
 */
#include <xt.h>

const char test_title[] = "sched_op yield: a runnable domU runs before the yielder returns";

static void domu(void)
{
	xt_expect_eq(xt_connect_to(0, 30000 * XT_MS) > 0, 1, "binding the port dom0 offers");
	xt_pass();
	xt_report();
	for (;;)
		asm volatile("pause");
}

static uint64_t cpu_time(shale_domid_t d)
{
	struct shale_domctl_getdomaininfo info;

	return xt_domain_info(d, &info) ? 0 : info.cpu_time_ns;
}

void test_main(void)
{
	uint64_t deadline = xt_now_ns() + 30000 * XT_MS;
	unsigned int missed = 0;
	struct shale_evtchn_status st = { 0 };
	long d, p;

	if (!xt_is_dom0())
		domu();
	d = xt_find_domain("spinner");
	p = d > 0 ? xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, d) : 0;
	if (d <= 0 || p <= 0) {
		xt_error("setup: domain \"spinner\" %ld, offer %ld", d, p);
		return;
	}
	while (xt_now_ns() < deadline &&
	       (xt_evtchn_status(SHALE_DOMID_SELF, p, &st) ||
		st.status != SHALE_EVTCHNSTAT_interdomain))
		xt_sleep_ns(10 * XT_MS);
	if (!xt_expect_eq(st.status, SHALE_EVTCHNSTAT_interdomain, "d1 bound the offered port"))
		return;
	xt_sleep_ns(20 * XT_MS);	/* d1 is past its checks and spinning */
	for (unsigned int i = 0; i < 20; i++) {
		uint64_t before = cpu_time(d);

		xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_yield, NULL), 0, "yield");
		if (cpu_time(d) == before)
			missed++;
	}
	if (missed)
		xt_fail("%u of 20 yields returned before the runnable d1 ran", missed);
	xt_pass();
}
