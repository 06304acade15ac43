/* SPDX-License-Identifier: MIT */
/*
 * memop_query: current and maximum reservation, machphys_mapping.
 *
 * What: current_reservation for SELF equals start_info.nr_pages (nothing
 * was allocated or released yet) and for domid 0 (ourselves by number)
 * the same; maximum_reservation is at least that; machphys_mapping gives
 * a max_mfn above every mfn in our p2m.
 *
 * Why: memory.h; balloon drivers and the toolstack's memory accounting
 * start from these numbers.
 *
 * Broken hypervisor: counts page-table or shared_info frames differently
 * from the builder, treats domid 0 as "no such domain", or reports a
 * maximum below what the domain already owns.
 */
#include <xt.h>

const char test_title[] = "memory_op: current/maximum reservation and machphys_mapping agree";

static long query(unsigned int cmd, shale_domid_t domid)
{
	return hc_memory_op(cmd, &domid);
}

void test_main(void)
{
	long cur = query(SHALE_MEMOP_current_reservation, SHALE_DOMID_SELF);
	long max = query(SHALE_MEMOP_maximum_reservation, SHALE_DOMID_SELF);
	uint64_t max_mfn = xt_max_mfn(), top = 0;

	xt_printf("current %ld, maximum %ld, nr_pages %lu, max_mfn 0x%lx\n", cur, max,
		  xt_si->nr_pages, max_mfn);
	xt_expect_eq(cur, xt_si->nr_pages, "current_reservation (SELF)");
	xt_expect_eq(query(SHALE_MEMOP_current_reservation, xt_si->domid), cur,
		     "current_reservation (own domid)");
	xt_expect_eq(query(SHALE_MEMOP_maximum_reservation, xt_si->domid), max,
		     "maximum_reservation (own domid)");
	if (max < cur)
		xt_fail("maximum_reservation %ld below current %ld", max, cur);
	for (uint64_t pfn = 0; pfn < xt_si->nr_pages; pfn++)
		if (xt_pfn_to_mfn(pfn) > top)
			top = xt_pfn_to_mfn(pfn);
	if (top >= max_mfn)
		xt_fail("our mfn 0x%lx is not below max_mfn 0x%lx", top, max_mfn);
	xt_pass();
}
