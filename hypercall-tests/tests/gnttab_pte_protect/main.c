/* SPDX-License-Identifier: MIT */
/*
 * gnttab_pte_protect: a grant mapping's L1 entry is the hypervisor's.
 *
 * What: our entry 4 grants page P; it is mapped at va (handle h). Then
 * mmu_update of va's L1 entry to 0, to another frame of ours, or to the
 * same value, and update_va_mapping(va, 0) are -EPERM, and the mapping
 * still works. Forging one: an L1 entry carrying bit 52 (the bit grant
 * entries carry) is -EINVAL, by mmu_update and by update_va_mapping. Then
 * unlinking the L1 table that holds the mapping (its L2 entry set to 0)
 * ends the mapping: entry 4's in-use flags clear, h is bad_handle, and
 * the frame is plain memory again (it can be pinned as an L1 table and
 * unpinned).
 *
 * Why: docs/MEMORY.md, grant mappings: only unmap_grant_ref removes one;
 * a page table released while holding one ends it once. The page-table
 * code drops references of entries it overwrites; if it treated a grant
 * entry as its own it would drop references it never took.
 *
 * Broken hypervisor: the frame's references dropped twice (once by
 * mmu_update, once by unmap: a frame freed while mapped), a forged grant
 * entry that maps any frame, or a mapping that outlives its table with
 * the flags still set (a grant that can never end).
 */
#include <xt.h>

const char test_title[] = "gnttab: mmu_update cannot overwrite or forge grant entries";

#define P	SHALE_GTF_permit_access
#define BIT52	(1ULL << 52)

static long ext(uint32_t cmd, uint64_t mfn)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = mfn };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

static void overwrite_refused(uint64_t va, uint64_t page)
{
	uint64_t maddr = xt_l1e_maddr(va), entry = xt_l1e(va);
	uint64_t other = xt_pfn_to_mfn(xt_alloc_page());

	xt_expect_refused(xt_set_pte(maddr, 0), -SHALE_EPERM, "mmu_update: clear a grant entry");
	xt_expect_refused(xt_set_pte(maddr, xt_pte(other, true)), -SHALE_EPERM,
			  "mmu_update: point a grant entry elsewhere");
	xt_expect_refused(xt_set_pte(maddr, entry), -SHALE_EPERM,
			  "mmu_update: rewrite a grant entry unchanged");
	xt_expect_refused(hc_update_va_mapping(va, 0, SHALE_UVMF_INVLPG), -SHALE_EPERM,
			  "update_va_mapping: clear a grant entry");
	xt_expect_eq(xt_l1e(va), entry, "the grant entry unchanged");
	*(volatile uint64_t *)va = 0xabc;
	xt_expect_eq(*(volatile uint64_t *)xt_pfn_to_va(page), 0xabc, "the mapping still works");

	xt_expect_refused(xt_set_pte(xt_scratch_l1e(0), xt_pte(other, true) | BIT52),
			  -SHALE_EINVAL, "mmu_update: forge an entry with bit 52");
	xt_expect_refused(hc_update_va_mapping(XT_SCRATCH_VA + PAGE_SIZE,
					       xt_pte(other, false) | BIT52, SHALE_UVMF_INVLPG),
			  -SHALE_EINVAL, "update_va_mapping: forge an entry with bit 52");
}

void test_main(void)
{
	uint64_t page = xt_alloc_page(), va = xt_grant_va(0);
	struct xt_walk w;
	uint32_t h;

	if (xt_gnttab_setup(1))
		return;
	xt_grant(4, 0, xt_pfn_to_mfn(page), P);
	if (!xt_expect_gntst(xt_map_grant(0, 4, va, SHALE_GNTMAP_host_map, &h), 0, "map entry 4"))
		return;
	overwrite_refused(va, page);

	if (xt_walk(va, &w) != 1) {
		xt_error("no L1 table covers the mapping");
		return;
	}
	xt_expect_rc(xt_set_pte(w.entry_maddr[2], 0), 0, "unlink the L1 holding the mapping");
	xt_expect_eq(xt_grant_flags(4), P, "entry 4 no longer in use");
	xt_expect_gntst(xt_unmap_grant(va, h), SHALE_GNTST_bad_handle, "the handle is gone");
	xt_expect_rc(xt_map_readonly(page), 0, "P mapped read-only");
	xt_expect_rc(ext(SHALE_MMUEXT_PIN_L1_TABLE, xt_pfn_to_mfn(page)), 0,
		     "P pinned as an L1: no reference left behind");
	xt_expect_rc(ext(SHALE_MMUEXT_UNPIN_TABLE, xt_pfn_to_mfn(page)), 0, "and unpinned");
	xt_pass();
}
