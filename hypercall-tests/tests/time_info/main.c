/* SPDX-License-Identifier: MIT */
/*
 * time_info: vcpu_time_info and the wallclock.
 *
 * What: vcpu_time_info's version is even in every consistent read (an
 * update never stays half-done: a version stuck odd is FAIL) and the
 * fields are set (mul non-zero, shift within -31..31); the scale agrees
 * with physinfo's cpu_khz within 0.1% (10^6 TSC ticks at cpu_khz take
 * 10^9 / cpu_khz ns). System time computed from it and rdtsc never goes back
 * over 100000 reads, nor across 20 blocks of 1 ms, after which the
 * hypervisor has refreshed the record: its new system_time_ns agrees
 * within 1 ms with the old record extrapolated to the new TSC stamp. The
 * wallclock has an even wc_version, wc_nsec below 10^9 and wc_sec in
 * 2024-2100 (UTC at boot from the CMOS clock).
 *
 * Why: shared_info.h and docs/SCHEDULER.md: guests read time without a
 * hypercall, so the record, the scale and the TSC must tell one story.
 *
 * Broken hypervisor: a scale that is not the TSC's (clocks run fast or
 * slow), a system_time_ns from a different clock than the stamp (time
 * jumps back at each refresh), a torn update, or an unset wallclock.
 */
#include <xt.h>

const char test_title[] = "vcpu_time_info: even version, monotonic, matches TSC; wallclock";

static void check_scale(const struct shale_vcpu_time_info *t)
{
	struct shale_domctl_physinfo p;
	uint64_t ns, want;

	xt_expect_eq(t->tsc_to_system_mul != 0, 1, "tsc_to_system_mul is set");
	xt_expect_eq(t->tsc_shift >= -31 && t->tsc_shift <= 31, 1, "tsc_shift in -31..31");
	if (!xt_expect_rc(xt_physinfo(&p), 0, "physinfo") || !p.cpu_khz)
		return;
	ns = xt_tsc_to_ns(t, 1000000);
	want = 1000000000000ULL / p.cpu_khz;
	if (ns < want - want / 1000 || ns > want + want / 1000)
		xt_fail("10^6 TSC ticks scale to %lu ns; cpu_khz %u says %lu", ns, p.cpu_khz, want);
}

static void check_monotonic(void)
{
	struct shale_vcpu_time_info before, after;
	uint64_t last = xt_now_ns(), now;
	unsigned int refreshes = 0;

	for (unsigned int i = 0; i < 100000; i++) {
		now = xt_now_ns();
		if (now < last) {
			xt_fail("system time went back by %lu ns at read %u", last - now, i);
			return;
		}
		last = now;
	}
	for (unsigned int i = 0; i < 20; i++) {
		xt_time_snapshot(&before);
		xt_sleep_ns(XT_MS);
		now = xt_now_ns();
		if (now < last)
			xt_fail("system time went back by %lu ns across block %u", last - now, i);
		last = now;
		xt_time_snapshot(&after);
		if (after.version == before.version)
			continue;
		refreshes++;
		now = before.system_time_ns + xt_tsc_to_ns(&before, after.tsc_timestamp -
							   before.tsc_timestamp);
		if (now > after.system_time_ns + XT_MS || now + XT_MS < after.system_time_ns)
			xt_fail("refresh %u: system_time_ns %lu, the old record says %lu", i,
				after.system_time_ns, now);
	}
	/* SCHEDULER.md: refreshed whenever the vCPU is scheduled in, as after a block. */
	xt_expect_eq(refreshes > 0, 1, "vcpu_time_info refreshed across 20 blocks");
}

void test_main(void)
{
	volatile struct shale_shared_info *s = xt_shared_info;
	struct shale_vcpu_time_info t;

	for (unsigned int i = 0; i < 1000; i++) {
		if (xt_time_snapshot(&t) >= XT_TIME_MAX_RETRIES || (t.version & 1)) {
			xt_fail("vcpu_time_info version stuck odd (0x%x)", t.version);
			return;
		}
	}
	check_scale(&t);
	check_monotonic();

	xt_expect_eq(s->wc_version & 1, 0, "wc_version is even");
	xt_expect_eq(s->wc_nsec < 1000000000, 1, "wc_nsec below 10^9");
	if (s->wc_sec < 1704067200ULL || s->wc_sec >= 4102444800ULL)
		xt_fail("wc_sec %lu is not in 2024-2100", (uint64_t)s->wc_sec);
	xt_pass();
}
