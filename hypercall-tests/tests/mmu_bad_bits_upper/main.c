/* SPDX-License-Identifier: MIT */
/*
 * mmu_bad_bits_upper: L2, L3 and L4 entries with bits a guest may not set.
 *
 * What: in empty slots of tables we built (L4 slot 193, slot 1 of our L3
 * and of our L2), an entry pointing at a fresh table frame plus PSE (a
 * superpage, at L2 and L3), Global (only meaningful in L1), PWT, PCD or a
 * bit of 52-62 is refused with -EINVAL and the slot stays empty. A 2 MiB
 * PSE entry over our own memory is refused as well. The same entry with
 * no bad bit is accepted (control) and cleared again.
 *
 * Why: DESIGN.md section 5: no superpage entries in guest tables (a PSE
 * L2 maps 512 frames the hypervisor never checked one by one); mm.h
 * allows Global in L1 only.
 *
 * Broken hypervisor: accepts a superpage (the guest then maps whatever
 * 2 MiB or 1 GiB it likes), or treats a PSE entry as a table pointer and
 * validates the wrong thing.
 */
#include <xt.h>

const char test_title[] = "PSE, Global and cache bits above L1 give -EINVAL";

#define PSE	(1ULL << 7)
#define PWT	(1ULL << 3)
#define PCD	(1ULL << 4)

static const struct {
	unsigned int level;
	uint64_t bits;
	const char *what;
} cases[] = {
	{ 2, PSE, "L2 entry with PSE" },
	{ 3, PSE, "L3 entry with PSE" },
	{ 4, PSE, "L4 entry with bit 7" },
	{ 2, SHALE_PTE_GLOBAL, "L2 entry with Global" },
	{ 3, SHALE_PTE_GLOBAL, "L3 entry with Global" },
	{ 4, SHALE_PTE_GLOBAL, "L4 entry with Global" },
	{ 2, PWT, "L2 entry with PWT" },
	{ 3, PCD, "L3 entry with PCD" },
	{ 4, PWT | PCD, "L4 entry with PWT and PCD" },
	{ 2, 1ULL << 52, "L2 entry with bit 52" },
	{ 4, 1ULL << 62, "L4 entry with bit 62" },
};

void test_main(void)
{
	struct xt_walk w;
	uint64_t slot[5], table = xt_new_table_page();
	uint64_t own_2m = (xt_pfn_to_mfn(xt_si->first_free_pfn + 1024) & ~511ULL) << 12;
	uint64_t good = (xt_pfn_to_mfn(table) << 12) | XT_PT_TABLE;

	if (table == XT_INVALID)
		return;
	xt_scratch_l1e(0);
	xt_walk(XT_SCRATCH_VA, &w);
	slot[4] = (w.table_mfn[4] << 12) + 8 * 193;
	slot[3] = (w.table_mfn[3] << 12) + 8 * 1;
	slot[2] = (w.table_mfn[2] << 12) + 8 * 1;

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned int l = cases[i].level;

		xt_expect_refused(xt_set_pte(slot[l], good | cases[i].bits), -SHALE_EINVAL,
				  cases[i].what);
		xt_expect_eq(xt_table(w.table_mfn[l])[(slot[l] & 0xfff) / 8], 0,
			     "slot after the refusal");
	}
	xt_expect_refused(xt_set_pte(slot[2], own_2m | XT_PT_DATA_RW | PSE), -SHALE_EINVAL,
			  "2 MiB PSE entry over our own memory");

	for (unsigned int l = 2; l <= 4; l++) {
		/* The table frame becomes an L(l-1): unlink it before its next use. */
		xt_expect_rc(xt_set_pte(slot[l], good), 0, "control: entry without a bad bit");
		xt_expect_rc(xt_set_pte(slot[l], 0), 0, "clearing the control entry");
	}
	xt_pass();
}
