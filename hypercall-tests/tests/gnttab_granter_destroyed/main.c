/* SPDX-License-Identifier: MIT */
/*
 * gnttab_granter_destroyed: the granter is destroyed while its frame is mapped.
 *
 * What: d1 sets up a table, fills page P with a pattern, grants it to
 * dom0 writable as ref 1, binds the port dom0 offers, sends and blocks.
 * dom0 maps (d1, ref 1), sees the pattern, and destroys d1. d1 is then
 * dying with exactly the one mapped frame; dom0 still reads and writes P
 * through its mapping; a new map or a copy of d1's grants is bad_domain;
 * d1's id cannot be reused (createdomain with it is -EEXIST). dom0
 * unmaps: okay, d1 is gone (-ESRCH) and free_pages has grown by at least
 * d1's frames since before the destroy.
 *
 * Why: docs/MEMORY.md, grant mappings and teardown: "destroying the
 * granter while its frames are mapped keeps those frames until the last
 * unmap"; a frame is never handed out again while mapped.
 *
 * Broken hypervisor: P freed under dom0's mapping (dom0 then reads or
 * writes whoever gets the frame next), the unmap touching the freed
 * granter's table (a crash), or d1 never reaped (a leak).
 */
#include <xt.h>

const char test_title[] = "gnttab: granter destroyed while mapped; frame kept until the unmap";

static void domu(void)
{
	uint64_t p = xt_alloc_page();
	long port;

	for (unsigned int i = 0; i < 512; i++)
		((uint64_t *)xt_pfn_to_va(p))[i] = 0xd1000000 + i;
	if (xt_gnttab_setup(1))
		xt_finish();
	xt_grant(1, 0, xt_pfn_to_mfn(p), SHALE_GTF_permit_access);
	port = xt_connect_to(0, 30000 * XT_MS);
	if (xt_expect_eq(port > 0, 1, "binding the port dom0 offers"))
		xt_pass();
	xt_report();
	if (port > 0)
		xt_evtchn_send(port);
	for (;;) {
		xt_events_clear_all();
		hc_sched_op(SHALE_SCHEDOP_block, NULL);
	}
}

static void while_dying(shale_domid_t d, uint64_t va)
{
	struct shale_gnttab_copy cp = {
		.source = { .u.ref = 1, .domid = d },
		.dest = { .u.mfn = xt_pfn_to_mfn(xt_alloc_page()), .domid = SHALE_DOMID_SELF },
		.len = 8, .flags = SHALE_GNTCOPY_source_gref,
	};
	struct shale_domctl op = { .u.createdomain = { .name = "xt-again", .max_vcpus = 1 } };
	struct shale_domctl_getdomaininfo info;
	uint32_t h;

	if (xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo of the dying d1")) {
		xt_expect_eq(info.flags & SHALE_DOMINF_dying, SHALE_DOMINF_dying, "d1 is dying");
		xt_expect_eq(info.tot_pages, 1, "d1 keeps exactly the mapped frame");
	}
	xt_expect_eq(((volatile uint64_t *)va)[511], 0xd1000000 + 511, "P still reads");
	((volatile uint64_t *)va)[0] = 0x0d0d;
	xt_expect_eq(((volatile uint64_t *)va)[0], 0x0d0d, "P still writes");
	xt_expect_gntst(xt_map_grant(d, 1, xt_grant_va(1), SHALE_GNTMAP_host_map, &h),
			SHALE_GNTST_bad_domain, "a new map of the dying d1's grant");
	xt_expect_gntst(xt_grant_copy(&cp), SHALE_GNTST_bad_domain, "a copy from it");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_createdomain, d), -SHALE_EEXIST,
			  "createdomain with the dying d1's id");
}

void test_main(void)
{
	struct shale_domctl_physinfo before, after;
	struct shale_domctl_getdomaininfo info;
	struct shale_domctl op = { 0 };
	uint64_t va = xt_grant_va(0), deadline, pages;
	long d, port;
	uint32_t h;

	if (!xt_is_dom0())
		domu();
	d = xt_find_domain("granter");
	port = d > 0 ? xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, d) : -1;
	deadline = xt_now_ns() + 30000 * XT_MS;
	while (port > 0 && !xt_evtchn_pending(port) && xt_now_ns() < deadline)
		xt_sleep_ns(10 * XT_MS);
	if (!xt_expect_eq(port > 0 && xt_evtchn_pending(port), 1, "d1 granted and signalled") ||
	    !xt_expect_gntst(xt_map_grant(d, 1, va, SHALE_GNTMAP_host_map, &h), 0, "map d1's ref 1"))
		return;
	xt_expect_eq(((volatile uint64_t *)va)[5], 0xd1000005, "d1's pattern through the mapping");
	if (!xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo of d1") ||
	    !xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	pages = info.tot_pages;
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroy d1");
	while_dying(d, va);
	xt_expect_gntst(xt_unmap_grant(va, h), 0, "unmap d1's frame");
	xt_expect_refused(xt_domain_info(d, &info), -SHALE_ESRCH, "d1 gone after the unmap");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages >= before.free_pages + pages, 1,
		     "free_pages grew by at least d1's frames");
	xt_events_clear_all();
	xt_pass();
}
