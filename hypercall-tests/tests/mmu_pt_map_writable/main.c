/* SPDX-License-Identifier: MIT */
/*
 * mmu_pt_map_writable: mapping one of our own page-table frames writable.
 *
 * What: for the bootstrap L4, L3, L2 and an L1, and for a table we built
 * ourselves (linked) and one we only pinned: update_va_mapping of its
 * linear address with RW set, and mmu_update of a scratch L1 entry to the
 * frame with RW set, must both give -EBUSY and change nothing (the linear
 * entry stays read-only, the scratch entry stays empty).
 *
 * Why: a writable mapping of a table lets the guest write entries no one
 * validated (DESIGN.md section 5, first invariant; mm.h: -EBUSY).
 *
 * Broken hypervisor: accepts the mapping (0), or refuses with another
 * errno, or panics on the type conflict.
 */
#include <xt.h>

const char test_title[] = "mapping own page-table frames writable gives -EBUSY";

static void check_frame(uint64_t mfn, const char *name, uint64_t scratch)
{
	uint64_t va = xt_pfn_to_va(xt_mfn_to_pfn(mfn));
	uint64_t before = xt_l1e(va);
	char what[96];

	xt_snprintf(what, sizeof(what), "update_va_mapping of the %s writable", name);
	xt_expect_refused(hc_update_va_mapping(va, xt_pte(mfn, true), SHALE_UVMF_INVLPG),
			  -SHALE_EBUSY, what);
	xt_snprintf(what, sizeof(what), "linear entry of the %s after refusal", name);
	xt_expect_eq(xt_l1e(va), before, what);
	xt_snprintf(what, sizeof(what), "mmu_update mapping the %s writable", name);
	xt_expect_refused(xt_set_pte(scratch, xt_pte(mfn, true)), -SHALE_EBUSY, what);
	xt_snprintf(what, sizeof(what), "scratch entry after refusing the %s", name);
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, what);
}

void test_main(void)
{
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t pinned = xt_new_table_page();
	struct shale_mmuext_op pin = { .cmd = SHALE_MMUEXT_PIN_L1_TABLE };
	struct xt_walk boot, mine;

	xt_walk(xt_si->virt_base, &boot);
	xt_walk(XT_SCRATCH_VA, &mine);
	check_frame(boot.table_mfn[4], "bootstrap L4", scratch);
	check_frame(boot.table_mfn[3], "bootstrap L3", scratch);
	check_frame(boot.table_mfn[2], "bootstrap L2", scratch);
	check_frame(boot.table_mfn[1], "bootstrap L1", scratch);
	check_frame(mine.table_mfn[3], "L3 we linked", scratch);
	check_frame(mine.table_mfn[1], "L1 we linked", scratch);

	if (pinned == XT_INVALID)
		return;
	pin.arg1 = xt_pfn_to_mfn(pinned);
	if (!xt_expect_rc(hc_mmuext_op(&pin, 1, NULL, SHALE_DOMID_SELF), 0, "pin an empty L1"))
		return;
	check_frame(pin.arg1, "pinned L1", scratch);
	xt_pass();
}
