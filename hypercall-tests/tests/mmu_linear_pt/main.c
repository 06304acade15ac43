/* SPDX-License-Identifier: MIT */
/*
 * mmu_linear_pt: linear (recursive) page tables and other level mix-ups.
 *
 * What: an L4 entry pointing at the L4 itself, an L3 entry at its own L3,
 * an L2 entry at its own L2 and at another L2, an L2 entry at the L4, an
 * L4 entry at an L1 (each writable and read-only), and an L2 entry at a
 * frame still mapped writable: all -EBUSY, the slot left empty.
 *
 * Why: DESIGN.md section 5 forbids linear page tables until their rules
 * are written. A frame has one page-table type at a time: using an L2 as
 * an L1 would expose its entries (pointers to L1 frames) as mappings, the
 * classic way to reach a writable view of a page table. A frame mapped
 * writable cannot become a table (mm.h: -EBUSY).
 *
 * Broken hypervisor: accepts (0): the guest gets a window onto its own
 * tables, and with it writable mappings of them; or recursion in the
 * validator runs off the hypervisor stack (panic).
 */
#include <xt.h>

const char test_title[] = "recursive and wrong-level table entries give -EBUSY";

void test_main(void)
{
	struct xt_walk mine, boot;
	uint64_t l4, l3, l2, boot_l2, boot_l1, writable;
	char what[96];

	xt_scratch_l1e(0);
	xt_walk(XT_SCRATCH_VA, &mine);
	xt_walk(xt_si->virt_base, &boot);
	l4 = mine.table_mfn[4];
	l3 = mine.table_mfn[3];
	l2 = mine.table_mfn[2];
	boot_l2 = boot.table_mfn[2];
	boot_l1 = boot.table_mfn[1];
	writable = xt_pfn_to_mfn(xt_alloc_page());

	const struct {
		uint64_t table, slot, target;
		const char *what;
	} cases[] = {
		{ l4, 200, l4, "L4 entry pointing at the L4 itself" },
		{ l3, 2, l3, "L3 entry pointing at its own L3" },
		{ l2, 2, l2, "L2 entry pointing at its own L2" },
		{ l2, 3, boot_l2, "L2 entry pointing at another L2" },
		{ l2, 4, l4, "L2 entry pointing at the L4" },
		{ l4, 201, boot_l1, "L4 entry pointing at an L1" },
		{ l2, 5, writable, "L2 entry pointing at a frame mapped writable" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t entry = (cases[i].table << 12) + 8 * cases[i].slot;

		for (int rw = 0; rw <= 1; rw++) {
			uint64_t val = (cases[i].target << 12) | XT_PT_TABLE;

			xt_snprintf(what, sizeof(what), "%s (%s)", cases[i].what,
				    rw ? "writable" : "read-only");
			xt_expect_refused(xt_set_pte(entry, rw ? val : val & ~SHALE_PTE_RW),
					  -SHALE_EBUSY, what);
			xt_expect_eq(xt_table(cases[i].table)[cases[i].slot], 0,
				     "slot after the refusal");
		}
	}
	xt_pass();
}
