/* SPDX-License-Identifier: MIT */
/*
 * mmu_pin_rules: pinning and unpinning, the bookkeeping around it.
 *
 * What, in order, on a fresh frame F: pin F as L1 while it is still
 * mapped writable (-EBUSY); make it read-only; pin as L1 (0); pin again
 * as L1 and as L2 (-EINVAL: already pinned); map F writable (-EBUSY);
 * unpin (0); unpin again (-EINVAL); map F writable (0: no type is left
 * behind). Unpinning a data frame never pinned is -EINVAL; pinning a
 * frame we do not own is -EPERM, one past RAM -EINVAL.
 *
 * Why: mm.h defines these results; the pin count and type count must stay
 * balanced, or a frame ends up writable while still a table (or stuck as
 * a table forever).
 *
 * Broken hypervisor: double pin accepted and one unpin then leaves a
 * dangling type, unpin of an unpinned frame underflows a count, or a
 * writable mapping survives pinning.
 */
#include <xt.h>

const char test_title[] = "pin/unpin: -EBUSY, -EINVAL, -EPERM where due, counts stay balanced";

static long ext(uint32_t cmd, uint64_t arg1)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = arg1 };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

void test_main(void)
{
	uint64_t pfn = xt_alloc_page(), mfn = xt_pfn_to_mfn(pfn);
	uint64_t data = xt_pfn_to_mfn(xt_alloc_page());

	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L1_TABLE, mfn), -SHALE_EBUSY,
			  "pin L1 of a frame mapped writable");
	if (!xt_expect_rc(xt_map_readonly(pfn), 0, "remap the frame read-only"))
		return;
	if (!xt_expect_rc(ext(SHALE_MMUEXT_PIN_L1_TABLE, mfn), 0, "pin L1"))
		return;
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L1_TABLE, mfn), -SHALE_EINVAL, "pin L1 twice");
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L2_TABLE, mfn), -SHALE_EINVAL,
			  "pin as L2 a frame pinned as L1");
	xt_expect_refused(xt_map_writable(pfn), -SHALE_EBUSY, "map a pinned L1 writable");
	xt_expect_rc(ext(SHALE_MMUEXT_UNPIN_TABLE, mfn), 0, "unpin");
	xt_expect_refused(ext(SHALE_MMUEXT_UNPIN_TABLE, mfn), -SHALE_EINVAL, "unpin twice");
	xt_expect_rc(xt_map_writable(pfn), 0, "map writable after the unpin");
	*(volatile uint64_t *)xt_pfn_to_va(pfn) = 1;

	xt_expect_refused(ext(SHALE_MMUEXT_UNPIN_TABLE, data), -SHALE_EINVAL,
			  "unpin a data frame never pinned");
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L1_TABLE, 1), -SHALE_EPERM, "pin L1 of mfn 1");
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L4_TABLE, XT_HV_IMAGE_MFN), -SHALE_EPERM,
			  "pin L4 of a hypervisor image frame");
	xt_expect_refused(ext(SHALE_MMUEXT_UNPIN_TABLE, XT_HV_IMAGE_MFN), -SHALE_EPERM,
			  "unpin a hypervisor image frame");
	xt_expect_refused(ext(SHALE_MMUEXT_PIN_L2_TABLE, xt_max_mfn() + 1), -SHALE_EINVAL,
			  "pin L2 of an mfn past RAM");
	xt_pass();
}
