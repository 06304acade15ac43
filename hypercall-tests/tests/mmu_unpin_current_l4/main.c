/* SPDX-License-Identifier: MIT */
/*
 * mmu_unpin_current_l4: dropping the pin of the L4 that cr3 is using.
 *
 * What: UNPIN_TABLE of our current L4 gives 0 (it was pinned) or -EINVAL
 * (the builder did not pin it); mm.h allows either. Afterwards the L4 is
 * still a table because cr3 uses it: mapping it writable is -EBUSY, and
 * mmu_update of one of its guest slots still works. Pinning it again is
 * 0 and a second pin -EINVAL; the domain ends with the L4 pinned.
 *
 * Why: "the frame stays a table while anything else still uses it as
 * one" (mm.h). cr3 is such a use; losing track of it would let the guest
 * map its live L4 writable.
 *
 * Broken hypervisor: the unpin drops the last type reference, and the
 * writable mapping is granted (0) while the CPU still walks that frame.
 */
#include <xt.h>

const char test_title[] = "unpinning the live L4 does not make it mappable writable";

static long ext(uint32_t cmd, uint64_t arg1)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = arg1 };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

void test_main(void)
{
	uint64_t l4_pfn = xt_mfn_to_pfn(xt_l4_mfn);
	uint64_t slot = (xt_l4_mfn << 12) + 8 * 194;
	uint64_t l3 = xt_new_table_page();
	long rc = ext(SHALE_MMUEXT_UNPIN_TABLE, xt_l4_mfn);
	char name[24];

	xt_printf("unpin of the live L4 gave %s\n", xt_rc_name(rc, name, sizeof(name)));
	if (rc != 0 && rc != -SHALE_EINVAL)
		xt_fail("unpin of the live L4: expected 0 or -EINVAL, got %s", name);
	xt_hypervisor_alive();

	xt_expect_refused(xt_map_writable(l4_pfn), -SHALE_EBUSY,
			  "map the unpinned live L4 writable");
	xt_expect_eq(xt_l1e(xt_pfn_to_va(l4_pfn)) & SHALE_PTE_RW, 0,
		     "RW bit of the L4's linear mapping");
	if (l3 != XT_INVALID) {
		xt_expect_rc(xt_set_pte(slot, (xt_pfn_to_mfn(l3) << 12) | XT_PT_TABLE), 0,
			     "mmu_update of a guest slot of the unpinned live L4");
		xt_expect_rc(xt_set_pte(slot, 0), 0, "clearing that slot");
	}

	xt_expect_rc(ext(SHALE_MMUEXT_PIN_L4_TABLE, xt_l4_mfn), 0, "pin the live L4 again");
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L4_TABLE, xt_l4_mfn), -SHALE_EINVAL,
			  "pin the live L4 twice");
	xt_expect_refused(xt_map_writable(l4_pfn), -SHALE_EBUSY, "map the pinned live L4 writable");
	xt_pass();
}
