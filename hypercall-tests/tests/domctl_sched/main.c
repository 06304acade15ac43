/* SPDX-License-Identifier: MIT */
/*
 * domctl_sched: sched_set and sched_get round-trip weight and cap.
 *
 * What: on a domain dom0 created, sched_get gives the defaults (weight
 * 256, cap 0); each of (1, 0), (512, 30), (65535, 100) set with sched_set
 * reads back unchanged through sched_get and getdomaininfo. Weight 0,
 * 65536 and 0xffffffff and cap 101 and 0xffffffff (a cap is a percentage
 * of one CPU and a domain has one vCPU) are -EINVAL and change nothing.
 * dom0 reads and sets its own parameters the same way (domctl.h refuses
 * only destroy and pause/unpause of the caller); a domain that does not
 * exist gives -ESRCH.
 *
 * Why: domctl.h sched_get/sched_set and docs/SCHEDULER.md: the
 * resource-pool controls; a weight of 0 would divide by zero in the
 * virtual-time scaling.
 *
 * Broken hypervisor: values not stored or stored half, a refused set that
 * still changes something, weight 0 accepted (a division by zero on the
 * next tick: panic), or dom0's own share out of the toolstack's reach.
 */
#include <xt.h>

const char test_title[] = "domctl sched_set/get: round-trip, out of range -EINVAL";

static long sched(uint32_t cmd, shale_domid_t d, uint32_t weight, uint32_t cap,
		  struct shale_domctl_sched *out)
{
	struct shale_domctl op = { .u.sched = { .weight = weight, .cap = cap } };
	long rc = xt_domctl(&op, cmd, d);

	if (out)
		*out = op.u.sched;
	return rc;
}

static void expect_params(shale_domid_t d, uint32_t weight, uint32_t cap, const char *what)
{
	struct shale_domctl_getdomaininfo i;
	struct shale_domctl_sched s;

	if (xt_expect_rc(sched(SHALE_DOMCTL_sched_get, d, 0, 0, &s), 0, what)) {
		xt_expect_eq(s.weight, weight, what);
		xt_expect_eq(s.cap, cap, what);
	}
	if (xt_expect_rc(xt_domain_info(d, &i), 0, what)) {
		xt_expect_eq(i.weight, weight, what);
		xt_expect_eq(i.cap, cap, what);
	}
}

void test_main(void)
{
	static const struct { uint32_t weight, cap; } good[] = { { 1, 0 }, { 512, 30 }, { 65535, 100 } },
		bad[] = { { 0, 0 }, { 65536, 0 }, { 0xffffffff, 0 }, { 256, 101 }, { 256, 0xffffffff } };
	long d = xt_create_domain("xt-sched");
	struct shale_domctl op = { 0 };
	char w[80];

	if (d < 0) {
		xt_error("createdomain gave %ld", d);
		return;
	}
	expect_params(d, 256, 0, "defaults of a new domain");
	for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
		xt_snprintf(w, sizeof(w), "sched_set weight %u cap %u", good[i].weight, good[i].cap);
		xt_expect_rc(sched(SHALE_DOMCTL_sched_set, d, good[i].weight, good[i].cap, NULL), 0, w);
		expect_params(d, good[i].weight, good[i].cap, w);
	}
	xt_expect_rc(sched(SHALE_DOMCTL_sched_set, d, 300, 40, NULL), 0, "sched_set 300, 40");
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		xt_snprintf(w, sizeof(w), "sched_set weight 0x%x cap 0x%x", bad[i].weight, bad[i].cap);
		xt_expect_refused(sched(SHALE_DOMCTL_sched_set, d, bad[i].weight, bad[i].cap, NULL),
				  -SHALE_EINVAL, w);
		expect_params(d, 300, 40, "parameters after a refused sched_set");
	}
	/* Unlike destroy and pause, domctl.h does not refuse these for the caller. */
	expect_params(0, 256, 0, "dom0's own defaults");
	xt_expect_rc(sched(SHALE_DOMCTL_sched_set, 0, 512, 0, NULL), 0, "sched_set of dom0 (512)");
	expect_params(0, 512, 0, "dom0's parameters after sched_set");
	sched(SHALE_DOMCTL_sched_set, 0, 256, 0, NULL);
	xt_expect_refused(sched(SHALE_DOMCTL_sched_get, 1234, 0, 0, NULL), -SHALE_ESRCH,
			  "sched_get of domain 1234");
	xt_expect_refused(sched(SHALE_DOMCTL_sched_set, 1234, 256, 0, NULL), -SHALE_ESRCH,
			  "sched_set of domain 1234");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	xt_pass();
}
