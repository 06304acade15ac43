/* SPDX-License-Identifier: MIT */
/*
 * m2p_update_bad: MMU_MACHPHYS_UPDATE of frames we do not own.
 *
 * What: machphys updates of mfn 1 (firmware), the hypervisor image frame
 * and our shared_info frame (the hypervisor's) are -EPERM; of max_mfn
 * (past RAM) -EINVAL. The M2P entries of the frames below max_mfn still
 * read SHALE_INVALID_PFN afterwards.
 *
 * Why: mm.h: the caller must own the frame. The M2P is global: another
 * domain's entries (or the hypervisor's) are not ours to change, and an
 * unchecked mfn indexes past the table.
 *
 * Broken hypervisor: rewrites another domain's M2P entries (confusing its
 * kernel into mapping the wrong pfn), or writes past the M2P (memory
 * corruption, panic).
 */
#include <xt.h>

const char test_title[] = "MACHPHYS_UPDATE of frames not owned gives -EPERM";

void test_main(void)
{
	const struct {
		uint64_t mfn;
		long expect;
		const char *what;
	} cases[] = {
		{ 1, -SHALE_EPERM, "machphys update of mfn 1" },
		{ XT_HV_IMAGE_MFN, -SHALE_EPERM, "machphys update of the hypervisor image" },
		{ xt_si->shared_info_mfn, -SHALE_EPERM, "machphys update of shared_info" },
		{ xt_max_mfn(), -SHALE_EINVAL, "machphys update of max_mfn (past RAM)" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		struct shale_mmu_update req = {
			(cases[i].mfn << 12) | SHALE_MMU_MACHPHYS_UPDATE, 0x42
		};

		xt_expect_refused(hc_mmu_update(&req, 1, NULL, SHALE_DOMID_SELF), cases[i].expect,
				  cases[i].what);
		if (i < 3)
			xt_expect_eq(xt_m2p(cases[i].mfn), SHALE_INVALID_PFN,
				     "its M2P entry after the refusal");
	}
	xt_pass();
}
