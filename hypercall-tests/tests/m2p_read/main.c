/* SPDX-License-Identifier: MIT */
/*
 * m2p_read: the read-only machine-to-physical table.
 *
 * What: memory_op(machphys_mapping) places the M2P at
 * SHALE_M2P_VIRT_START, inside the reserved area, large enough for
 * max_mfn entries. For every pfn of ours, M2P[p2m[pfn]] = pfn (compared
 * with our own p2m). Frames no guest owns (firmware 0-15, the hypervisor
 * image, our shared_info frame) read SHALE_INVALID_PFN. The last entry,
 * max_mfn - 1, reads without a fault.
 *
 * Why: DESIGN.md section 5 and mm.h; PV kernels translate every mfn they
 * find in a page table back through the M2P.
 *
 * Broken hypervisor: the M2P is unmapped (fault), stale (entries of the
 * builder's temporary numbering), leaks which frames other domains use,
 * or is shorter than max_mfn says.
 */
#include <xt.h>

const char test_title[] = "the M2P maps our mfns to our pfns, others to INVALID_PFN";

void test_main(void)
{
	struct shale_machphys_mapping m;
	uint64_t bad = 0, v;
	static const uint64_t not_owned[] = { 0, 1, 2, 7, 15, XT_HV_IMAGE_MFN };

	if (!xt_expect_rc(hc_memory_op(SHALE_MEMOP_machphys_mapping, &m), 0, "machphys_mapping"))
		return;
	xt_expect_eq(m.v_start, SHALE_M2P_VIRT_START, "M2P v_start");
	if (m.v_end < m.v_start + m.max_mfn * 8 || m.v_end > SHALE_HYPERVISOR_VIRT_END)
		xt_fail("M2P v_end 0x%lx: not in [v_start + 8 * max_mfn 0x%lx, 0x%llx]", m.v_end,
			m.v_start + m.max_mfn * 8, SHALE_HYPERVISOR_VIRT_END);

	for (uint64_t pfn = 0; pfn < xt_si->nr_pages; pfn++) {
		uint64_t mfn = xt_pfn_to_mfn(pfn);

		if (mfn >= m.max_mfn) {
			xt_fail("pfn 0x%lx: mfn 0x%lx not below max_mfn 0x%lx", pfn, mfn, m.max_mfn);
			break;
		}
		if (xt_m2p(mfn) != pfn && bad++ < 4)
			xt_fail("M2P[0x%lx] = 0x%lx, expected pfn 0x%lx", mfn, xt_m2p(mfn), pfn);
	}
	xt_expect_eq(bad, 0, "pfns whose M2P entry is wrong");

	for (unsigned int i = 0; i < ARRAY_SIZE(not_owned); i++)
		xt_expect_eq(xt_m2p(not_owned[i]), SHALE_INVALID_PFN, "M2P of a frame no guest owns");
	xt_expect_eq(xt_m2p(xt_si->shared_info_mfn), SHALE_INVALID_PFN, "M2P of shared_info");
	xt_expect_eq(xt_try_read(m.v_start + (m.max_mfn - 1) * 8, &v), -1,
		     "read of M2P[max_mfn - 1]");
	xt_pass();
}
