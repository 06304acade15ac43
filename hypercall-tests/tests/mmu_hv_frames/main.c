/* SPDX-License-Identifier: MIT */
/*
 * mmu_hv_frames: mapping machine frames the domain does not own.
 *
 * What: frames 0, 1, 0x9f, 0xb8 and 0xff (firmware, below 1 MiB), 0x100
 * and 0x101 (the hypervisor image at 1 MiB), and the neighbours of our
 * shared_info frame (hypervisor heap) unless they happen to be ours;
 * mapped read-only and writable, by mmu_update and by update_va_mapping:
 * -EPERM every time, the scratch entry left empty.
 *
 * Why: DESIGN.md section 5: a frame is mapped only if owned by the
 * mapping domain (or granted, or foreign by privilege, which is not asked
 * for here). dom0 is privileged, but privilege is not ownership.
 *
 * Broken hypervisor: dom0 can read or write the hypervisor's code, its
 * heap (another domain's shared_info) or firmware: total compromise.
 */
#include <xt.h>

const char test_title[] = "mapping frames not owned gives -EPERM";

static void check(uint64_t mfn, uint64_t scratch, const char *name)
{
	char what[128];

	if (xt_mfn_to_pfn(mfn) != XT_INVALID) {
		xt_printf("note: mfn 0x%lx (%s) is ours: skipped\n", mfn, name);
		return;
	}
	for (int rw = 0; rw <= 1; rw++) {
		xt_snprintf(what, sizeof(what), "mmu_update mapping mfn 0x%lx (%s) %s", mfn, name,
			    rw ? "writable" : "read-only");
		xt_expect_refused(xt_set_pte(scratch, xt_pte(mfn, rw)), -SHALE_EPERM, what);
		xt_snprintf(what, sizeof(what), "update_va_mapping of mfn 0x%lx (%s) %s", mfn,
			    name, rw ? "writable" : "read-only");
		xt_expect_refused(hc_update_va_mapping(XT_SCRATCH_VA, xt_pte(mfn, rw),
						       SHALE_UVMF_INVLPG), -SHALE_EPERM, what);
		xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "scratch entry after the refusals");
	}
}

void test_main(void)
{
	static const struct {
		uint64_t mfn;
		const char *name;
	} frames[] = {
		{ 0, "real-mode IVT" }, { 1, "firmware" }, { 0x9f, "EBDA" },
		{ 0xb8, "VGA text" }, { 0xff, "BIOS" },
		{ XT_HV_IMAGE_MFN, "hypervisor image" }, { XT_HV_IMAGE_MFN + 1, "hypervisor image" },
	};
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t si = xt_si->shared_info_mfn;

	for (unsigned int i = 0; i < ARRAY_SIZE(frames); i++)
		check(frames[i].mfn, scratch, frames[i].name);
	check(si - 1, scratch, "below shared_info");
	check(si + 1, scratch, "above shared_info");
	xt_pass();
}
