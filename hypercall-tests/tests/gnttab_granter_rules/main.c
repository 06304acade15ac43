/* SPDX-License-Identifier: MIT */
/*
 * gnttab_granter_rules: what the granter cannot do to a mapped frame.
 *
 * What: our entries 1 (writable) and 2 (read-only) grant pages A and B;
 * both are mapped. For each: decrease_reservation of it releases nothing
 * (0) and the reservation stays; pinning it as an L1 table is -EBUSY,
 * even for B whose mapping is read-only (a mapped frame keeps its type)
 * after B's own writable mapping is made read-only. Once unmapped, the
 * same pin succeeds (and is undone) and decrease_reservation releases the
 * frame (1). The grant-table frame itself cannot become a page table or
 * be given back either: it is the hypervisor's (pinning it is -EPERM,
 * decrease_reservation of it releases nothing).
 *
 * Why: grant_table.h: "While mapped, a granted frame keeps its type: the
 * granter can neither pin it as a page table nor give it back".
 *
 * Broken hypervisor: the frame freed or turned into a page table under
 * the mapping: the mapper then writes a page table, or another domain's
 * memory once the frame is reused.
 */
#include <xt.h>

const char test_title[] = "gnttab: a mapped frame cannot be ballooned out or pinned as a table";

static long ext(uint32_t cmd, uint64_t mfn)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = mfn };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

static long decrease(uint64_t mfn)
{
	struct shale_memory_reservation r = { .extent_start = (uint64_t)&mfn, .nr_extents = 1,
					      .domid = SHALE_DOMID_SELF };

	return hc_memory_op(SHALE_MEMOP_decrease_reservation, &r);
}

static long reservation(void)
{
	shale_domid_t self = SHALE_DOMID_SELF;

	return hc_memory_op(SHALE_MEMOP_current_reservation, &self);
}

static void while_mapped(uint64_t pfn, const char *what)
{
	uint64_t mfn = xt_pfn_to_mfn(pfn);
	long before = reservation();

	xt_printf("while %s is mapped through its grant:\n", what);
	xt_expect_refused(decrease(mfn), 0, "decrease_reservation releases nothing");
	xt_expect_eq(reservation(), before, "the reservation is unchanged");
	xt_expect_rc(xt_map_readonly(pfn), 0, "the granter's own mapping made read-only");
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L1_TABLE, mfn), -SHALE_EBUSY, "pin as an L1 table");
}

static void after_unmap(uint64_t pfn)
{
	uint64_t mfn = xt_pfn_to_mfn(pfn);

	xt_expect_rc(ext(SHALE_MMUEXT_PIN_L1_TABLE, mfn), 0, "pin as L1 once unmapped");
	xt_expect_rc(ext(SHALE_MMUEXT_UNPIN_TABLE, mfn), 0, "unpin");
	xt_expect_rc(xt_set_pte(xt_l1e_maddr(xt_pfn_to_va(pfn)), 0), 0, "drop the own mapping");
	xt_expect_eq(decrease(mfn), 1, "decrease_reservation releases it once unmapped");
}

void test_main(void)
{
	uint64_t a = xt_alloc_page(), b = xt_alloc_page();
	uint64_t va = xt_grant_va(0), vb = xt_grant_va(1);
	uint64_t table;
	uint32_t ha, hb;

	if (xt_gnttab_setup(1))
		return;
	xt_grant(1, 0, xt_pfn_to_mfn(a), SHALE_GTF_permit_access);
	xt_grant(2, 0, xt_pfn_to_mfn(b), SHALE_GTF_permit_access | SHALE_GTF_readonly);
	if (!xt_expect_gntst(xt_map_grant(0, 1, va, SHALE_GNTMAP_host_map, &ha), 0, "map A") ||
	    !xt_expect_gntst(xt_map_grant(0, 2, vb, SHALE_GNTMAP_host_map | SHALE_GNTMAP_readonly,
					  &hb), 0, "map B read-only"))
		return;
	while_mapped(a, "A (writable)");
	while_mapped(b, "B (read-only)");
	xt_expect_gntst(xt_unmap_grant(va, ha), 0, "unmap A");
	xt_expect_gntst(xt_unmap_grant(vb, hb), 0, "unmap B");
	after_unmap(a);
	after_unmap(b);

	table = (xt_l1e(XT_GNTTAB_VA) & SHALE_PTE_ADDR_MASK) >> 12;
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L1_TABLE, table), -SHALE_EPERM,
			  "pin our grant-table frame (the hypervisor's) as an L1 table");
	xt_expect_refused(decrease(table), 0, "decrease_reservation of our grant-table frame");
	xt_pass();
}
