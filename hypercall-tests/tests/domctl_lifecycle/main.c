/* SPDX-License-Identifier: MIT */
/*
 * domctl_lifecycle: create, fill, pause, list and destroy a domain.
 *
 * What: createdomain ("xt-life", one vCPU) gives a new id; getdomaininfo
 * shows it paused, not privileged, with 0 pages, max_pages 0, its name,
 * weight 256, cap 0 and the shared_info_mfn createdomain returned, and
 * physinfo counts one domain more. increase_reservation for it allocates
 * nothing at max_pages 0; after max_mem 16 it allocates 16 of 32 asked,
 * distinct frames that are not ours, and tot_pages and the reservation
 * queries say 16. pause and unpause are idempotent. A getdomaininfo walk
 * (id + 1 each step) visits dom0 and the new domain in order. destroydomain
 * fires VIRQ_DOM_EXC; the id then gives -ESRCH, and physinfo's free_pages
 * and nr_domains are back where they were before createdomain.
 *
 * Why: domctl.h and memory.h: the toolstack's domain lifecycle; every
 * frame a domain had must come back when it goes.
 *
 * Broken hypervisor: a leak (free_pages lower after destroy), a domain
 * that runs before it is unpaused, a reservation past max_pages, frames
 * handed to the wrong domain, or a destroyed domain still listed.
 */
#include <xt.h>

const char test_title[] = "domctl: createdomain, max_mem, populate, pause, walk, destroy";

static uint64_t mfns[32];

static void expect_info(shale_domid_t d, uint32_t flags, uint64_t pages, const char *what)
{
	struct shale_domctl_getdomaininfo i;

	if (!xt_expect_rc(xt_domain_info(d, &i), 0, what))
		return;
	xt_expect_eq(i.flags & (SHALE_DOMINF_paused | SHALE_DOMINF_shutdown | SHALE_DOMINF_dying |
				SHALE_DOMINF_privileged), flags, what);
	xt_expect_eq(i.tot_pages, pages, what);
}

static long populate(shale_domid_t d, uint64_t n)
{
	struct shale_memory_reservation r = { .extent_start = (uint64_t)mfns, .nr_extents = n,
					      .domid = d };

	return hc_memory_op(SHALE_MEMOP_increase_reservation, &r);
}

static void fill(shale_domid_t d)
{
	struct shale_domctl op = { .u.max_pages = 16 };
	shale_domid_t id = d;

	xt_expect_eq(populate(d, 8), 0, "increase_reservation at max_pages 0");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_max_mem, d), 0, "max_mem 16");
	xt_expect_eq(populate(d, 32), 16, "increase_reservation of 32 at max_pages 16");
	for (unsigned int i = 0; i < 16; i++) {
		xt_expect_eq(xt_mfn_to_pfn(mfns[i]), XT_INVALID, "its frames are not ours");
		for (unsigned int j = 0; j < i; j++)
			xt_expect_eq(mfns[i] != mfns[j], 1, "its frames are distinct");
	}
	expect_info(d, SHALE_DOMINF_paused, 16, "getdomaininfo after populating");
	xt_expect_eq(hc_memory_op(SHALE_MEMOP_current_reservation, &id), 16, "current_reservation");
	xt_expect_eq(hc_memory_op(SHALE_MEMOP_maximum_reservation, &id), 16, "maximum_reservation");
}

static void pause_walk(shale_domid_t d)
{
	static const uint32_t cmds[] = { SHALE_DOMCTL_pausedomain, SHALE_DOMCTL_pausedomain,
					 SHALE_DOMCTL_unpausedomain, SHALE_DOMCTL_unpausedomain };
	struct shale_domctl op = { 0 };
	unsigned int seen = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++) {
		xt_expect_rc(xt_domctl(&op, cmds[i], d), 0, "pause/unpause");
		expect_info(d, i < 2 ? SHALE_DOMINF_paused : 0, 16, "flags after pause/unpause");
	}
	for (uint32_t id = 0; !xt_domctl(&op, SHALE_DOMCTL_getdomaininfo, id); id = op.domain + 1) {
		xt_expect_eq(op.domain >= id && op.u.getdomaininfo.domain == op.domain, 1,
			     "walk: the next domain at or after the id asked");
		seen |= op.domain == 0 ? 1 : op.domain == d ? 2 : 4;
	}
	xt_expect_eq(seen, 3, "walk saw dom0 (1) and the new domain (2), nothing else (4)");
}

void test_main(void)
{
	long exc = xt_evtchn_bind_virq(SHALE_VIRQ_DOM_EXC, 0), d;
	struct shale_domctl_physinfo before, after;
	struct shale_domctl_getdomaininfo i;
	struct shale_domctl op = { 0 };

	if (exc < 0 || !xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	memcpy(op.u.createdomain.name, "xt-life", 8);
	op.u.createdomain.max_vcpus = 1;
	if (!xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_createdomain, 0), 0, "createdomain"))
		return;
	d = op.domain;
	xt_expect_eq(d > 0 && d < SHALE_DOMID_FIRST_RESERVED, 1, "the new id is a domU id");
	if (xt_expect_rc(xt_domain_info(d, &i), 0, "getdomaininfo of the new domain")) {
		xt_expect_eq(i.flags & ~SHALE_DOMINF_blocked, SHALE_DOMINF_paused, "its flags");
		xt_expect_eq(i.tot_pages + i.max_pages, 0, "its tot_pages and max_pages");
		xt_expect_eq(strcmp(i.name, "xt-life"), 0, "its name");
		xt_expect_eq(i.shared_info_mfn, op.u.createdomain.shared_info_mfn, "its shared_info");
		xt_expect_eq(i.weight, 256, "its weight");
		xt_expect_eq(i.cap, 0, "its cap");
	}
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.nr_domains, before.nr_domains + 1, "nr_domains after createdomain");
	fill(d);
	pause_walk(d);

	xt_events_clear_all();
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	xt_expect_eq(xt_evtchn_pending(exc), 1, "VIRQ_DOM_EXC after destroydomain");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_getdomaininfo, d), -SHALE_ESRCH,
			  "getdomaininfo of the destroyed id");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), -SHALE_ESRCH,
			  "destroydomain again");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages, before.free_pages, "free_pages after destroydomain");
	xt_expect_eq(after.nr_domains, before.nr_domains, "nr_domains after destroydomain");
	xt_events_clear_all();
	xt_pass();
}
