/* SPDX-License-Identifier: MIT */
/*
 * sched_remote_shutdown: dom0 shuts other domains down, by both calls.
 *
 * What: on domains dom0 created: sched_op remote_shutdown and domctl
 * remote_shutdown with reason 5 or 0xffffffff are -EINVAL, and
 * sched_op's with pad != 0 too, and the domain keeps running
 * (getdomaininfo: no shutdown flag); for ids that name no domain (1234,
 * 0x7fef, SHALE_DOMID_INVALID) both are -ESRCH; a bad argument pointer
 * is -EFAULT. Then sched_op remote_shutdown(reboot) of one and domctl
 * remote_shutdown(poweroff) of the other return 0, getdomaininfo shows
 * each shut down with that reason, and VIRQ_DOM_EXC is pending each time.
 *
 * Why: sched.h remote_shutdown and domctl.h: the toolstack's way to stop
 * a guest; a bad reason indexes the hypervisor's reason names.
 *
 * Broken hypervisor: an unchecked reason (out-of-bounds read, or a
 * domain stopped for a reason nobody asked), a NULL domain for a bad id,
 * or dom0 never told (no VIRQ_DOM_EXC).
 */
#include <xt.h>

const char test_title[] = "remote_shutdown: bad reasons and ids refused, good ones stop it";

static long sched_remote(shale_domid_t d, uint32_t reason, uint16_t pad)
{
	struct shale_sched_remote_shutdown r = { .domid = d, .pad = pad, .reason = reason };

	return hc_sched_op(SHALE_SCHEDOP_remote_shutdown, &r);
}

static long domctl_remote(shale_domid_t d, uint32_t reason)
{
	struct shale_domctl op = { .u.shutdown_reason = reason };

	return xt_domctl(&op, SHALE_DOMCTL_remote_shutdown, d);
}

static void expect_state(shale_domid_t d, bool down, uint32_t reason, const char *what)
{
	struct shale_domctl_getdomaininfo info;

	if (!xt_expect_rc(xt_domain_info(d, &info), 0, what))
		return;
	xt_expect_eq(!!(info.flags & SHALE_DOMINF_shutdown), down, what);
	if (down)
		xt_expect_eq(info.shutdown_reason, reason, what);
}

static void refusals(shale_domid_t d)
{
	static const shale_domid_t none[] = { 1234, 0x7fef, SHALE_DOMID_INVALID };

	xt_expect_refused(sched_remote(d, 5, 0), -SHALE_EINVAL, "sched_op remote_shutdown reason 5");
	xt_expect_refused(sched_remote(d, 0xffffffff, 0), -SHALE_EINVAL,
			  "sched_op remote_shutdown reason 0xffffffff");
	xt_expect_refused(sched_remote(d, SHALE_SHUTDOWN_poweroff, 1), -SHALE_EINVAL,
			  "sched_op remote_shutdown pad 1");
	xt_expect_refused(domctl_remote(d, 5), -SHALE_EINVAL, "domctl remote_shutdown reason 5");
	xt_expect_refused(domctl_remote(d, 0xffffffff), -SHALE_EINVAL,
			  "domctl remote_shutdown reason 0xffffffff");
	expect_state(d, false, 0, "domain after the refused shutdowns");
	for (unsigned int i = 0; i < ARRAY_SIZE(none); i++) {
		xt_expect_refused(sched_remote(none[i], 0, 0), -SHALE_ESRCH,
				  "sched_op remote_shutdown of no domain");
		xt_expect_refused(domctl_remote(none[i], 0), -SHALE_ESRCH,
				  "domctl remote_shutdown of no domain");
	}
	/* Both calls refuse the caller itself: it would stop the toolstack. */
	xt_expect_refused(sched_remote(0, 0, 0), -SHALE_EINVAL, "sched_op remote_shutdown of dom0");
	xt_expect_refused(domctl_remote(0, 0), -SHALE_EINVAL, "domctl remote_shutdown of dom0");
	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++)
		xt_expect_refused(hc_sched_op(SHALE_SCHEDOP_remote_shutdown,
					      (void *)xt_bad_ptrs[i].addr),
				  -SHALE_EFAULT, xt_bad_ptrs[i].name);
}

void test_main(void)
{
	long exc = xt_evtchn_bind_virq(SHALE_VIRQ_DOM_EXC, 0);
	long a = xt_create_domain("xt-rs-a"), b = xt_create_domain("xt-rs-b");
	struct shale_domctl op = { 0 };

	if (exc < 0 || a < 0 || b < 0) {
		xt_error("setup: bind_virq(DOM_EXC) %ld, createdomain %ld and %ld", exc, a, b);
		return;
	}
	refusals(a);
	xt_events_clear_all();
	xt_expect_rc(sched_remote(a, SHALE_SHUTDOWN_reboot, 0), 0,
		     "sched_op remote_shutdown(reboot)");
	expect_state(a, true, SHALE_SHUTDOWN_reboot, "domain after remote_shutdown(reboot)");
	xt_expect_eq(xt_evtchn_pending(exc), 1, "VIRQ_DOM_EXC after sched_op remote_shutdown");

	xt_events_clear_all();
	xt_expect_rc(domctl_remote(b, SHALE_SHUTDOWN_poweroff), 0, "domctl remote_shutdown");
	expect_state(b, true, SHALE_SHUTDOWN_poweroff, "domain after domctl remote_shutdown");
	xt_expect_eq(xt_evtchn_pending(exc), 1, "VIRQ_DOM_EXC after domctl remote_shutdown");
	expect_state(a, true, SHALE_SHUTDOWN_reboot, "the first domain is still shut down");

	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, a), 0, "destroydomain");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, b), 0, "destroydomain");
	xt_events_clear_all();
	xt_pass();
}
