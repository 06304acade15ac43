/* SPDX-License-Identifier: MIT */
/*
 * mmu_foreign_dom: the foreign_dom argument of mmu_update and mmuext_op.
 *
 * What: mapping one of our own free frames with foreign_dom naming a
 * domain that does not exist (1, 7, 0x7fef the last ordinary id, and the
 * reserved ids 0x7ff1 and 0x7fff that are not SELF) is -ESRCH; mmuext_op
 * with such a foreign_dom is -ESRCH as well. With foreign_dom = 0 (us, by
 * number) mapping a frame that is not ours (firmware, the hypervisor
 * image) is -EPERM: naming a domain does not make its frames, or the
 * hypervisor's, mappable. The scratch entry stays empty.
 *
 * Why: mm.h: -ESRCH no such foreign domain, -EPERM a frame the caller may
 * not map. The domid must be looked up, not used as an index.
 *
 * Broken hypervisor: indexes a domain table with an unchecked id (panic
 * or a stray pointer), maps a frame because "foreign" skipped the
 * ownership check, or accepts a reserved id as a domain.
 */
#include <xt.h>

const char test_title[] = "foreign_dom: -ESRCH for no such domain, -EPERM for frames not owned";

void test_main(void)
{
	static const shale_domid_t missing[] = { 1, 7, 0x7fef, 0x7ff1, 0x7fff };
	static const uint64_t not_ours[] = { 1, XT_HV_IMAGE_MFN };
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t mfn = xt_pfn_to_mfn(xt_alloc_page());
	struct shale_mmu_update req = { .ptr = scratch, .val = xt_pte(mfn, false) };
	struct shale_mmuext_op flush = { .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL };
	char what[96];

	for (unsigned int i = 0; i < ARRAY_SIZE(missing); i++) {
		xt_snprintf(what, sizeof(what), "mmu_update with foreign_dom 0x%x", missing[i]);
		xt_expect_refused(hc_mmu_update(&req, 1, NULL, missing[i]), -SHALE_ESRCH, what);
		xt_snprintf(what, sizeof(what), "mmuext_op with foreign_dom 0x%x", missing[i]);
		xt_expect_refused(hc_mmuext_op(&flush, 1, NULL, missing[i]), -SHALE_ESRCH, what);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(not_ours); i++) {
		req.val = xt_pte(not_ours[i], false);
		xt_snprintf(what, sizeof(what), "mmu_update foreign_dom 0 mapping mfn 0x%lx",
			    not_ours[i]);
		xt_expect_refused(hc_mmu_update(&req, 1, NULL, 0), -SHALE_EPERM, what);
	}
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "scratch entry after the refusals");
	xt_pass();
}
