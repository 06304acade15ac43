/* SPDX-License-Identifier: MIT */
/*
 * mmu_update_kinds: the ptr of an mmu_update request, checked.
 *
 * What: request kinds 2 and 3 (unknown, low bits of ptr) are -EINVAL; an
 * entry address that is not 8-byte aligned is -EINVAL; an entry inside a
 * frame of ours that is no page table is -EINVAL (and the frame is left
 * alone); inside a frame not ours (firmware, the hypervisor image, our
 * shared_info which the hypervisor owns) -EPERM; past the end of RAM
 * -EINVAL. The value written would have been valid each time.
 *
 * Why: mm.h: ptr must be the machine address of an entry in a frame of
 * the caller in use as a page table. Without the check, mmu_update is a
 * write-anything-anywhere primitive.
 *
 * Broken hypervisor: writes the value to the given machine address: into
 * its own image, into a data page (harmless here, but unchecked), or past
 * RAM.
 */
#include <xt.h>

const char test_title[] = "mmu_update refuses bad kinds and entry addresses";

void test_main(void)
{
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t data_pfn = xt_alloc_page();
	uint64_t data = xt_pfn_to_mfn(data_pfn) << 12;
	uint64_t val = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), false);
	const struct {
		uint64_t ptr;
		long expect;
		const char *what;
	} cases[] = {
		{ scratch | 2, -SHALE_EINVAL, "request kind 2" },
		{ scratch | 3, -SHALE_EINVAL, "request kind 3" },
		{ scratch + 4, -SHALE_EINVAL, "entry address not 8-byte aligned" },
		{ data + 16, -SHALE_EINVAL, "entry in a data frame of ours" },
		{ 1ULL << 12, -SHALE_EPERM, "entry in firmware frame 1" },
		{ (uint64_t)XT_HV_IMAGE_MFN << 12, -SHALE_EPERM, "entry in the hypervisor image" },
		{ xt_si->shared_info_mfn << 12, -SHALE_EPERM, "entry in our shared_info frame" },
		{ xt_max_mfn() << 12, -SHALE_EINVAL, "entry past the end of RAM" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		struct shale_mmu_update req = { .ptr = cases[i].ptr, .val = val };

		xt_expect_refused(hc_mmu_update(&req, 1, NULL, SHALE_DOMID_SELF), cases[i].expect,
				  cases[i].what);
	}
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "scratch entry after the refusals");
	xt_expect_eq(*(volatile uint64_t *)(xt_pfn_to_va(data_pfn) + 16), 0,
		     "the data frame after the refused request");
	xt_pass();
}
