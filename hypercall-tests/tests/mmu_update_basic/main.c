/* SPDX-License-Identifier: MIT */
/*
 * mmu_update_basic: mmu_update doing its ordinary job.
 *
 * What: one request with done = NULL (allowed) maps a frame of ours at a
 * scratch address read-only; a batch of three with done maps three frames
 * writable (done = 3); the entries read back as written; data written
 * through the new mappings shows in the linear view and the other way
 * round; clearing them (0) makes the addresses fault again.
 *
 * Why: the positive half of every mmu_update test: the refusals elsewhere
 * mean something only if valid requests work.
 *
 * Broken hypervisor: refuses valid entries, writes another value or
 * another slot, miscounts done, or does not flush what it replaced.
 */
#include <xt.h>

const char test_title[] = "mmu_update maps own frames, done counts, entries read back";

void test_main(void)
{
	uint64_t pfn = xt_alloc_pages(4);
	struct shale_mmu_update req[3];
	unsigned int done = 77;
	volatile uint64_t *va = (uint64_t *)XT_SCRATCH_VA;

	for (unsigned int i = 0; i < 4; i++)
		*(volatile uint64_t *)xt_pfn_to_va(pfn + i) = 0x1000 + i;
	if (!xt_expect_rc(xt_set_pte(xt_scratch_l1e(0), xt_pte(xt_pfn_to_mfn(pfn), false)), 0,
			  "one request, done = NULL"))
		return;
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), xt_pte(xt_pfn_to_mfn(pfn), false), "entry as written");
	xt_expect_eq(va[0], 0x1000, "read through the read-only mapping");

	for (unsigned int i = 0; i < 3; i++) {
		req[i].ptr = xt_scratch_l1e(i + 1);
		req[i].val = xt_pte(xt_pfn_to_mfn(pfn + 1 + i), true);
	}
	xt_expect_rc(hc_mmu_update(req, 3, &done, SHALE_DOMID_SELF), 0, "a batch of three");
	xt_expect_eq(done, 3, "done after a batch of three");
	for (unsigned int i = 0; i < 3; i++) {
		volatile uint64_t *p = (uint64_t *)(XT_SCRATCH_VA + (i + 1) * PAGE_SIZE);

		xt_expect_eq(xt_l1e((uint64_t)p), req[i].val, "batch entry as written");
		xt_expect_eq(*p, 0x1001 + i, "read through a batch mapping");
		*p = 0x2000 + i;
		xt_expect_eq(*(volatile uint64_t *)xt_pfn_to_va(pfn + 1 + i), 0x2000 + i,
			     "write through the new mapping seen in the linear view");
	}
	for (unsigned int i = 0; i < 4; i++) {
		xt_expect_rc(hc_update_va_mapping(XT_SCRATCH_VA + i * PAGE_SIZE, 0, SHALE_UVMF_INVLPG),
			     0, "clearing a scratch mapping");
		xt_expect_eq(xt_try_read(XT_SCRATCH_VA + i * PAGE_SIZE, NULL), X86_PF,
			     "read after clearing");
	}
	xt_pass();
}
