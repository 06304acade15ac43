/* SPDX-License-Identifier: MIT */
/*
 * gnttab_mapper_destroyed: grants between two domains; the mapper dies mapping.
 *
 * What: dom0 grants page P writable (ref 1) and page Q read-only (ref 2)
 * to d1, and P to domain 5 (ref 3), then offers d1 a port. d1 maps ref 1
 * writable and ref 2 read-only, and is refused ref 3 (names another
 * domain), ref 2 writable and ref 600 (past the table); it reads both
 * pages, stores into P through its mapping, faults storing into Q,
 * copies Q into a page of its own and 8 bytes into P at offset 8, then
 * sends and blocks, still mapping. dom0 then sees d1's stores in P, ref
 * 1 reading | writing, ref 2 reading; it cannot end ref 1, balloon P out
 * or pin P as a page table. dom0 destroys d1: both entries are free
 * again (no in-use flag), ref 1 can be ended, d1 is gone and its frames
 * are back.
 *
 * Why: grant_table.h (the flags a granter sees, read-only honoured, copy
 * from another domain) and docs/MEMORY.md: destroying a mapper ends its
 * mappings.
 *
 * Broken hypervisor: d1 maps what was not granted to it, writes through
 * a read-only grant, or its death leaves dom0's entries in use for ever
 * (dom0 can never end the grant or reuse the page) or leaks frames.
 */
#include <xt.h>

const char test_title[] = "gnttab: two domains; the mapper destroyed while mapping";

#define MAP	SHALE_GNTMAP_host_map
#define RO	SHALE_GNTMAP_readonly
#define IN_USE	(SHALE_GTF_reading | SHALE_GTF_writing)

static void domu_copies(uint64_t va1)
{
	uint64_t own = xt_alloc_page(), word = 0xc0c0;
	struct shale_gnttab_copy in = {
		.source = { .u.ref = 2, .domid = 0 },
		.dest = { .u.mfn = xt_pfn_to_mfn(own), .domid = SHALE_DOMID_SELF },
		.len = 4096, .flags = SHALE_GNTCOPY_source_gref,
	};
	struct shale_gnttab_copy out = {
		.source = { .u.mfn = xt_va_to_mfn((uint64_t)&word), .domid = SHALE_DOMID_SELF,
			    .offset = (uint16_t)((uint64_t)&word & 4095) },
		.dest = { .u.ref = 1, .domid = 0, .offset = 8 },
		.len = 8, .flags = SHALE_GNTCOPY_dest_gref,
	};

	xt_expect_gntst(xt_grant_copy(&in), 0, "copy dom0's Q into our page");
	xt_expect_eq(*(uint64_t *)xt_pfn_to_va(own), *(volatile uint64_t *)va1, "Q copied");
	if (((uint64_t)&word & 4095) <= 4088)
		xt_expect_gntst(xt_grant_copy(&out), 0, "copy 8 bytes into dom0's P at 8");
}

static void domu(void)
{
	uint64_t va0 = xt_grant_va(0), va1 = xt_grant_va(1), va2 = xt_grant_va(2);
	long port = xt_connect_to(0, 30000 * XT_MS);
	uint32_t h;

	if (!xt_expect_eq(port > 0, 1, "binding the port dom0 offers") ||
	    !xt_expect_gntst(xt_map_grant(0, 1, va0, MAP, &h), 0, "map dom0's ref 1") ||
	    !xt_expect_gntst(xt_map_grant(0, 2, va1, MAP | RO, &h), 0, "map dom0's ref 2 r/o"))
		xt_finish();
	xt_expect_gntst(xt_map_grant(0, 3, va2, MAP | RO, &h), SHALE_GNTST_permission_denied,
			"ref 3, granted to domain 5");
	xt_expect_gntst(xt_map_grant(0, 2, va2, MAP, &h), SHALE_GNTST_permission_denied,
			"ref 2 writable");
	xt_expect_gntst(xt_map_grant(0, 600, va2, MAP, &h), SHALE_GNTST_bad_gntref, "ref 600");
	xt_expect_eq(*(volatile uint64_t *)va0, 0x1111, "P through the mapping");
	xt_expect_eq(*(volatile uint64_t *)va1, 0x2222, "Q through the mapping");
	*(volatile uint64_t *)va0 = 0xd1d1;
	xt_expect_eq(xt_try_write(va1, 5), 14, "a store into Q faults");
	domu_copies(va1);
	xt_pass();
	xt_report();
	xt_evtchn_send(port);
	for (;;) {
		xt_events_clear_all();
		hc_sched_op(SHALE_SCHEDOP_block, NULL);
	}
}

static void while_mapped(uint64_t p)
{
	struct shale_mmuext_op pin = { .cmd = SHALE_MMUEXT_PIN_L1_TABLE, .arg1 = xt_pfn_to_mfn(p) };
	struct shale_memory_reservation r = { .extent_start = (uint64_t)&pin.arg1, .nr_extents = 1,
					      .domid = SHALE_DOMID_SELF };

	xt_expect_eq(*(volatile uint64_t *)xt_pfn_to_va(p), 0xd1d1, "d1's store, seen in P");
	xt_expect_eq(((volatile uint64_t *)xt_pfn_to_va(p))[1], 0xc0c0, "d1's copy, seen in P");
	xt_expect_eq(xt_grant_flags(1), SHALE_GTF_permit_access | IN_USE, "ref 1 in use");
	xt_expect_eq(xt_grant_flags(2), SHALE_GTF_permit_access | SHALE_GTF_readonly |
		     SHALE_GTF_reading, "ref 2 reading");
	xt_expect_eq(xt_end_grant(1), -SHALE_EBUSY, "ending ref 1 while d1 maps it");
	xt_expect_refused(hc_memory_op(SHALE_MEMOP_decrease_reservation, &r), 0,
			  "decrease_reservation of P");
	xt_expect_rc(xt_map_readonly(p), 0, "our mapping of P made read-only");
	xt_expect_refused(hc_mmuext_op(&pin, 1, NULL, SHALE_DOMID_SELF), -SHALE_EBUSY,
			  "pin P as an L1 table");
}

void test_main(void)
{
	uint64_t p = xt_alloc_page(), q = xt_alloc_page(), deadline;
	struct shale_domctl_physinfo before, after;
	struct shale_domctl_getdomaininfo info;
	struct shale_domctl op = { 0 };
	long d, port;

	if (!xt_is_dom0())
		domu();
	d = xt_find_domain("mapper");
	if (d <= 0 || xt_gnttab_setup(1))
		return;
	*(volatile uint64_t *)xt_pfn_to_va(p) = 0x1111;
	*(volatile uint64_t *)xt_pfn_to_va(q) = 0x2222;
	xt_grant(1, d, xt_pfn_to_mfn(p), SHALE_GTF_permit_access);
	xt_grant(2, d, xt_pfn_to_mfn(q), SHALE_GTF_permit_access | SHALE_GTF_readonly);
	xt_grant(3, 5, xt_pfn_to_mfn(p), SHALE_GTF_permit_access);
	port = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, d);
	deadline = xt_now_ns() + 30000 * XT_MS;
	while (port > 0 && !xt_evtchn_pending(port) && xt_now_ns() < deadline)
		xt_sleep_ns(10 * XT_MS);
	if (!xt_expect_eq(port > 0 && xt_evtchn_pending(port), 1, "d1 mapped and signalled") ||
	    !xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo of d1") ||
	    !xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	while_mapped(p);
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroy d1");
	xt_expect_eq(xt_grant_flags(1), SHALE_GTF_permit_access, "ref 1 free after d1's death");
	xt_expect_eq(xt_grant_flags(2), SHALE_GTF_permit_access | SHALE_GTF_readonly,
		     "ref 2 free after d1's death");
	xt_expect_rc(xt_end_grant(1), 0, "ending ref 1");
	xt_expect_refused(xt_domain_info(d, &info), -SHALE_ESRCH, "d1 is gone, not dying");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages >= before.free_pages + 16 * 256, 1, "d1's frames are back");
	xt_events_clear_all();
	xt_pass();
}
