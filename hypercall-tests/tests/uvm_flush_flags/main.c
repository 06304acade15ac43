/* SPDX-License-Identifier: MIT */
/*
 * uvm_flush_flags: update_va_mapping's INVLPG and TLB_FLUSH flags.
 *
 * What: one address is switched between two frames A and B of distinct
 * contents, each switch followed by a read through it: with INVLPG, with
 * TLB_FLUSH, and again with each; the read must show the new frame every
 * time. Other addresses keep working after a TLB_FLUSH.
 *
 * Why: mm.h defines both flags; a guest that asks for a flush relies on
 * it (reusing a frame whose old mapping lingers is a use-after-free).
 *
 * Broken hypervisor: ignores the flag or flushes the wrong address: the
 * read returns the old frame's contents.
 */
#include <xt.h>

const char test_title[] = "update_va_mapping with INVLPG and TLB_FLUSH shows the new frame";

void test_main(void)
{
	static const struct {
		uint64_t flags;
		const char *what;
	} cases[] = {
		{ SHALE_UVMF_INVLPG, "INVLPG" },
		{ SHALE_UVMF_TLB_FLUSH, "TLB_FLUSH" },
		{ SHALE_UVMF_INVLPG, "INVLPG again" },
		{ SHALE_UVMF_TLB_FLUSH, "TLB_FLUSH again" },
	};
	uint64_t pfn = xt_alloc_pages(2), va = XT_SCRATCH_VA;
	uint64_t mfn[2] = { xt_pfn_to_mfn(pfn), xt_pfn_to_mfn(pfn + 1) };
	char what[96];

	*(volatile uint64_t *)xt_pfn_to_va(pfn) = 0xaaaa;
	*(volatile uint64_t *)xt_pfn_to_va(pfn + 1) = 0xbbbb;
	xt_scratch_l1e(0);
	if (!xt_expect_rc(hc_update_va_mapping(va, xt_pte(mfn[0], false), SHALE_UVMF_NONE), 0,
			  "map A"))
		return;
	xt_expect_eq(*(volatile uint64_t *)va, 0xaaaa, "read A");
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned int to = (i + 1) & 1;

		xt_snprintf(what, sizeof(what), "switch to %c with %s", "AB"[to], cases[i].what);
		xt_expect_rc(hc_update_va_mapping(va, xt_pte(mfn[to], false), cases[i].flags), 0,
			     what);
		xt_snprintf(what, sizeof(what), "read after the switch to %c with %s", "AB"[to],
			    cases[i].what);
		xt_expect_eq(*(volatile uint64_t *)va, to ? 0xbbbb : 0xaaaa, what);
	}
	xt_expect_eq(*(volatile uint64_t *)xt_pfn_to_va(pfn + 1), 0xbbbb,
		     "linear view after the flushes");
	xt_expect_rc(hc_update_va_mapping(va, 0, SHALE_UVMF_INVLPG), 0, "unmap");
	xt_pass();
}
