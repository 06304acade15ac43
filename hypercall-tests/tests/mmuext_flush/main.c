/* SPDX-License-Identifier: MIT */
/*
 * mmuext_flush: TLB_FLUSH_LOCAL and INVLPG_LOCAL after mmu_update.
 *
 * What: mmu_update changes an entry without flushing; reading through
 * the address after INVLPG_LOCAL of it, and after TLB_FLUSH_LOCAL, must
 * show the new frame each time (frames A and B alternate, four rounds).
 * INVLPG_LOCAL of an address we never mapped is 0, too.
 *
 * Why: mm.h: these are the guest's way to flush after batched updates
 * (a multicall of mmu_updates, then one flush).
 *
 * Broken hypervisor: the op is a no-op or flushes the wrong address:
 * stale translations (the old frame's contents) are read.
 */
#include <xt.h>

const char test_title[] = "mmuext TLB_FLUSH_LOCAL and INVLPG_LOCAL flush";

static long ext(uint32_t cmd, uint64_t arg1)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = arg1 };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

void test_main(void)
{
	uint64_t pfn = xt_alloc_pages(2), va = XT_SCRATCH_VA;
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t mfn[2] = { xt_pfn_to_mfn(pfn), xt_pfn_to_mfn(pfn + 1) };
	char what[80];

	*(volatile uint64_t *)xt_pfn_to_va(pfn) = 0xaaaa;
	*(volatile uint64_t *)xt_pfn_to_va(pfn + 1) = 0xbbbb;
	if (!xt_expect_rc(xt_set_pte(scratch, xt_pte(mfn[0], false)), 0, "map A"))
		return;
	xt_expect_eq(*(volatile uint64_t *)va, 0xaaaa, "read A");
	for (unsigned int i = 0; i < 4; i++) {
		unsigned int to = (i + 1) & 1;
		bool invlpg = !(i & 2);

		xt_expect_rc(xt_set_pte(scratch, xt_pte(mfn[to], false)), 0, "switch frames");
		xt_snprintf(what, sizeof(what), "%s", invlpg ? "INVLPG_LOCAL" : "TLB_FLUSH_LOCAL");
		xt_expect_rc(invlpg ? ext(SHALE_MMUEXT_INVLPG_LOCAL, va) :
				      ext(SHALE_MMUEXT_TLB_FLUSH_LOCAL, 0), 0, what);
		xt_snprintf(what, sizeof(what), "read of %c after %s", "AB"[to],
			    invlpg ? "INVLPG_LOCAL" : "TLB_FLUSH_LOCAL");
		xt_expect_eq(*(volatile uint64_t *)va, to ? 0xbbbb : 0xaaaa, what);
	}
	xt_expect_rc(ext(SHALE_MMUEXT_INVLPG_LOCAL, XT_SCRATCH_VA + 0x100000), 0,
		     "INVLPG_LOCAL of an unmapped guest address");
	xt_pass();
}
