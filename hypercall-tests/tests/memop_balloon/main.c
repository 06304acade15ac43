/* SPDX-License-Identifier: MIT */
/*
 * memop_balloon: giving a frame back and getting one again.
 *
 * What: decrease_reservation of a free frame still mapped (our linear
 * mapping) releases nothing (0). Once unmapped it is released (1): the
 * count drops by one, its M2P entry reads INVALID_PFN, and mapping it is
 * -EPERM (not ours any more). increase_reservation of one frame then
 * succeeds (1) and returns an mfn we can map, record in the M2P and use;
 * the count is back where it was.
 *
 * Why: memory.h; the balloon driver depends on exactly this, and a frame
 * released while still mapped would be a use-after-free across domains.
 *
 * Broken hypervisor: frees a mapped frame (its next owner's data shows
 * through our mapping), leaves a released frame mappable, or loses count.
 */
#include <xt.h>

const char test_title[] = "decrease keeps mapped frames, releases unmapped ones; increase refills";

static long reservation(unsigned int cmd, uint64_t *mfns, uint64_t n)
{
	struct shale_memory_reservation r = {
		.extent_start = (uint64_t)mfns, .nr_extents = n, .domid = SHALE_DOMID_SELF,
	};

	return hc_memory_op(cmd, &r);
}

static long current(void)
{
	shale_domid_t self = SHALE_DOMID_SELF;

	return hc_memory_op(SHALE_MEMOP_current_reservation, &self);
}

void test_main(void)
{
	uint64_t pfn = xt_alloc_page(), va = xt_pfn_to_va(pfn), mfn = xt_pfn_to_mfn(pfn);
	long before = current();
	uint64_t got;
	struct shale_mmu_update rec;

	xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation, &mfn, 1), 0,
		     "frames released by a decrease of a frame still mapped");
	xt_expect_eq(current(), before, "count after the refused decrease");
	if (!xt_expect_rc(hc_update_va_mapping(va, 0, SHALE_UVMF_INVLPG), 0, "unmap the frame"))
		return;
	xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation, &mfn, 1), 1,
		     "frames released by a decrease of the unmapped frame");
	xt_expect_eq(current(), before - 1, "count after the release");
	xt_expect_eq(xt_m2p(mfn), SHALE_INVALID_PFN, "M2P of the released frame");
	xt_expect_refused(hc_update_va_mapping(va, xt_pte(mfn, false), SHALE_UVMF_INVLPG),
			  -SHALE_EPERM, "mapping the released frame");

	got = ~0ULL;
	if (!xt_expect_rc(reservation(SHALE_MEMOP_increase_reservation, &got, 1), 1,
			  "increase by one frame"))
		return;
	xt_expect_eq(current(), before, "count after the increase");
	xt_p2m()[pfn] = got;
	rec = (struct shale_mmu_update){ (got << 12) | SHALE_MMU_MACHPHYS_UPDATE, pfn };
	xt_expect_rc(hc_mmu_update(&rec, 1, NULL, SHALE_DOMID_SELF), 0, "record the new frame");
	xt_expect_eq(xt_m2p(got), pfn, "M2P of the new frame");
	if (xt_expect_rc(hc_update_va_mapping(va, xt_pte(got, true), SHALE_UVMF_INVLPG), 0,
			 "map the new frame")) {
		xt_expect_eq(*(volatile uint64_t *)va, 0, "the new frame is zeroed");
		*(volatile uint64_t *)va = 0x600d;
		xt_expect_eq(*(volatile uint64_t *)va, 0x600d, "the new frame is usable");
	}
	xt_pass();
}
