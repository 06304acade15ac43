/* SPDX-License-Identifier: MIT */
/*
 * mmu_reserved_l4_slots: writes into the hypervisor's L4 slots.
 *
 * What: mmu_update of L4 slots 256, 257, 262 (the direct map), 270, 271
 * and 511 (the hypervisor image), with a valid entry pointing at a fresh
 * L3 and with 0 (an attempt to unmap the hypervisor), is -EINVAL and the
 * slot keeps its value. Slots 255 and 272, just outside the reserved
 * range, accept the same entry (control) and are cleared again.
 *
 * Why: DESIGN.md section 5: a guest L4 never maps the reserved slots; the
 * hypervisor fills them itself. arch-x86_64.h names the ranges.
 *
 * Broken hypervisor: the guest replaces the hypervisor's own mappings
 * (its code runs through our tables: a full compromise) or removes them
 * (a triple fault on the next interrupt: the machine resets).
 */
#include <xt.h>

const char test_title[] = "L4 slots 256-271 and 511 cannot be written";

void test_main(void)
{
	static const unsigned int reserved[] = { 256, 257, 262, 270, 271, 511 };
	static const unsigned int open[] = { 255, 272 };
	const uint64_t *l4 = xt_table(xt_l4_mfn);
	uint64_t l3 = xt_new_table_page();
	uint64_t val = (xt_pfn_to_mfn(l3) << 12) | XT_PT_TABLE;
	char what[96];

	if (l3 == XT_INVALID)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(reserved); i++) {
		unsigned int s = reserved[i];
		uint64_t entry = (xt_l4_mfn << 12) + 8 * s, before = l4[s];

		xt_snprintf(what, sizeof(what), "mmu_update of L4 slot %u with an L3", s);
		xt_expect_refused(xt_set_pte(entry, val), -SHALE_EINVAL, what);
		xt_snprintf(what, sizeof(what), "mmu_update of L4 slot %u with 0", s);
		xt_expect_refused(xt_set_pte(entry, 0), -SHALE_EINVAL, what);
		xt_snprintf(what, sizeof(what), "L4 slot %u after the refusals", s);
		xt_expect_eq(l4[s], before, what);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(open); i++) {
		uint64_t entry = (xt_l4_mfn << 12) + 8 * open[i];

		xt_snprintf(what, sizeof(what), "control: L4 slot %u with an L3", open[i]);
		if (xt_expect_rc(xt_set_pte(entry, val), 0, what))
			xt_expect_eq(l4[open[i]], val, "the control entry as written");
		xt_expect_rc(xt_set_pte(entry, 0), 0, "clearing the control entry");
	}
	xt_pass();
}
