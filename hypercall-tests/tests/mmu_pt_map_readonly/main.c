/* SPDX-License-Identifier: MIT */
/*
 * mmu_pt_map_readonly: a second, read-only mapping of page-table frames.
 *
 * What: mmu_update and update_va_mapping may map the bootstrap L4, L3,
 * L2, an L1 and a pinned L1 of our own read-only at a scratch address;
 * reads through it match the linear view; a store through it faults; the
 * entry can be cleared again.
 *
 * Why: guests read their tables (that is how they walk them, as this
 * framework does); read-only aliases must be allowed, or every PV kernel
 * breaks. The refusal of writable aliases (mmu_pt_map_writable) must not
 * be implemented by refusing all aliases.
 *
 * Broken hypervisor: refuses (-EBUSY/-EPERM), maps another frame, or maps
 * it writable after all.
 */
#include <xt.h>

const char test_title[] = "read-only mappings of own page-table frames are allowed";

static void check_frame(uint64_t mfn, const char *name, uint64_t scratch, bool by_uvm)
{
	const uint64_t *linear = xt_table(mfn);
	char what[96];
	long rc;

	xt_snprintf(what, sizeof(what), "%s mapping the %s read-only",
		    by_uvm ? "update_va_mapping" : "mmu_update", name);
	if (by_uvm)
		rc = hc_update_va_mapping(XT_SCRATCH_VA, xt_pte(mfn, false), SHALE_UVMF_INVLPG);
	else
		rc = xt_set_pte(scratch, xt_pte(mfn, false));
	if (!xt_expect_rc(rc, 0, what))
		return;
	/* No flush needed after mmu_update: the entry was empty, and empty entries are not cached. */
	xt_snprintf(what, sizeof(what), "%s: memcmp of the alias with the linear view", name);
	xt_expect_eq(memcmp((void *)XT_SCRATCH_VA, linear, PAGE_SIZE), 0, what);
	xt_snprintf(what, sizeof(what), "%s: store through the read-only alias", name);
	xt_expect_eq(xt_try_write(XT_SCRATCH_VA + 8 * 400, 0), X86_PF, what);
	xt_snprintf(what, sizeof(what), "clearing the alias of the %s", name);
	xt_expect_rc(hc_update_va_mapping(XT_SCRATCH_VA, 0, SHALE_UVMF_INVLPG), 0, what);
}

void test_main(void)
{
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t pinned = xt_new_table_page();
	struct shale_mmuext_op pin = { .cmd = SHALE_MMUEXT_PIN_L1_TABLE };
	struct xt_walk w;

	xt_walk(xt_si->virt_base, &w);
	for (int by_uvm = 0; by_uvm <= 1; by_uvm++) {
		check_frame(w.table_mfn[4], "bootstrap L4", scratch, by_uvm);
		check_frame(w.table_mfn[3], "bootstrap L3", scratch, by_uvm);
		check_frame(w.table_mfn[2], "bootstrap L2", scratch, by_uvm);
		check_frame(w.table_mfn[1], "bootstrap L1", scratch, by_uvm);
	}
	if (pinned == XT_INVALID)
		return;
	pin.arg1 = xt_pfn_to_mfn(pinned);
	if (xt_expect_rc(hc_mmuext_op(&pin, 1, NULL, SHALE_DOMID_SELF), 0, "pin an empty L1"))
		check_frame(pin.arg1, "pinned L1", scratch, false);
	xt_pass();
}
