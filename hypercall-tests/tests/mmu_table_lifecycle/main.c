/* SPDX-License-Identifier: MIT */
/*
 * mmu_table_lifecycle: a table's type follows its uses.
 *
 * What: a fresh read-only frame T linked into our scratch L2 (0) becomes
 * an L1: a free frame is mapped through it (update_va_mapping, 0) and
 * read back through the new address; T cannot be mapped writable (-EBUSY).
 * After the data mapping and the link are removed (0, 0), T is no table
 * any more: it maps writable (0) and we write into it.
 *
 * Why: DESIGN.md section 5: type and reference counts; a frame returns to
 * plain memory when its last table use goes, otherwise guests leak frames
 * they can never reuse (and ballooning stops working).
 *
 * Broken hypervisor: refuses the link, forgets to drop the type on unlink
 * (-EBUSY at the end) or drops it while still linked (0 in the middle).
 */
#include <xt.h>

const char test_title[] = "linking and unlinking an L1 sets and drops its type";

#define VA	(XT_SCRATCH_VA + 7 * (2ULL << 20))	/* L2 slot 7 of the scratch L2 */

void test_main(void)
{
	struct xt_walk w;
	uint64_t t = xt_new_table_page(), data = xt_alloc_page();
	uint64_t link;

	if (t == XT_INVALID)
		return;
	xt_scratch_l1e(0);
	xt_walk(VA, &w);
	if (!xt_expect_eq(w.level, 2, "level reached for VA before the link"))
		return;
	link = w.entry_maddr[2];
	*(volatile uint64_t *)xt_pfn_to_va(data) = 0xfeedface;

	if (!xt_expect_rc(xt_set_pte(link, (xt_pfn_to_mfn(t) << 12) | XT_PT_TABLE), 0,
			  "link T into the L2"))
		return;
	xt_expect_rc(hc_update_va_mapping(VA, xt_pte(xt_pfn_to_mfn(data), false),
					  SHALE_UVMF_INVLPG), 0, "map a frame through T");
	xt_expect_eq(*(volatile uint64_t *)VA, 0xfeedface, "read through the new mapping");
	xt_expect_refused(xt_map_writable(t), -SHALE_EBUSY, "map T writable while linked");

	xt_expect_rc(hc_update_va_mapping(VA, 0, SHALE_UVMF_INVLPG), 0, "unmap the frame");
	xt_expect_rc(xt_set_pte(link, 0), 0, "unlink T");
	xt_expect_rc(hc_mmuext_op(&(struct shale_mmuext_op){ .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL },
				  1, NULL, SHALE_DOMID_SELF), 0, "flush");
	if (xt_expect_rc(xt_map_writable(t), 0, "map T writable after the unlink"))
		*(volatile uint64_t *)xt_pfn_to_va(t) = 1;
	xt_expect_eq(xt_try_read(VA, NULL), X86_PF, "VA after the unlink");
	xt_pass();
}
