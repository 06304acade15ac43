/* SPDX-License-Identifier: MIT */
/*
 * m2p_update: MMU_MACHPHYS_UPDATE of frames we own.
 *
 * What: a machphys update of one of our free frames to pfn 0x12345 is 0
 * and the M2P reads 0x12345 at once; a batch of two (that frame back to
 * its own pfn, and a second frame to 0x777) is 0 with done = 2 and both
 * show; restored, the M2P agrees with our p2m again.
 *
 * Why: mm.h: guests that move pages around (ballooning, migration)
 * record the new pfn through this request; the M2P is theirs to keep
 * right for their own frames.
 *
 * Broken hypervisor: refuses, updates another entry, or does not write
 * the read-only M2P view the guest sees.
 */
#include <xt.h>

const char test_title[] = "MACHPHYS_UPDATE of own frames shows in the M2P";

static struct shale_mmu_update machphys(uint64_t mfn, uint64_t pfn)
{
	return (struct shale_mmu_update){ (mfn << 12) | SHALE_MMU_MACHPHYS_UPDATE, pfn };
}

void test_main(void)
{
	uint64_t p1 = xt_alloc_page(), p2 = xt_alloc_page();
	uint64_t m1 = xt_pfn_to_mfn(p1), m2 = xt_pfn_to_mfn(p2);
	struct shale_mmu_update req[2] = { machphys(m1, 0x12345) };
	unsigned int done = 0;

	xt_expect_eq(xt_m2p(m1), p1, "M2P of a free frame before");
	if (!xt_expect_rc(hc_mmu_update(req, 1, NULL, SHALE_DOMID_SELF), 0, "machphys to 0x12345"))
		return;
	xt_expect_eq(xt_m2p(m1), 0x12345, "M2P after the update");

	req[0] = machphys(m1, p1);
	req[1] = machphys(m2, 0x777);
	xt_expect_rc(hc_mmu_update(req, 2, &done, SHALE_DOMID_SELF), 0, "batch of two");
	xt_expect_eq(done, 2, "done of the batch");
	xt_expect_eq(xt_m2p(m1), p1, "M2P of the first frame, restored");
	xt_expect_eq(xt_m2p(m2), 0x777, "M2P of the second frame");
	req[0] = machphys(m2, p2);
	xt_expect_rc(hc_mmu_update(req, 1, NULL, SHALE_DOMID_SELF), 0, "restore the second");
	xt_expect_eq(xt_m2p(m2), p2, "M2P of the second frame, restored");
	xt_pass();
}
