/* SPDX-License-Identifier: MIT */
/*
 * mmu_batch_long: long valid batches complete.
 *
 * What: batches of 4096 and of 65536 requests, each rewriting the same
 * scratch L1 entry (alternately two frames of ours, ending on a third),
 * return 0 with done equal to the count, and the entry holds the last
 * value. Two mmuext_op batches of 4096 TLB flushes return 0 as well.
 *
 * Why: DESIGN.md section 5: long operations are split into bounded steps
 * with a continuation, which the guest must not see; the restart must
 * neither skip nor repeat requests, and done must count across steps.
 *
 * Broken hypervisor: a continuation that restarts from request 0 (done
 * too big, or never ends: time-out), that loses its progress (done too
 * small), or that returns -EAGAIN/-EINTR to the guest.
 */
#include <xt.h>

const char test_title[] = "batches of 4096 and 65536 requests complete with done = count";

static void run(struct shale_mmu_update *reqs, unsigned int n, uint64_t scratch,
		const uint64_t vals[3])
{
	unsigned int done = 0;
	char what[64];

	for (unsigned int i = 0; i < n; i++)
		reqs[i] = (struct shale_mmu_update){ scratch, vals[i & 1] };
	reqs[n - 1].val = vals[2];
	xt_snprintf(what, sizeof(what), "mmu_update batch of %u", n);
	xt_expect_rc(hc_mmu_update(reqs, n, &done, SHALE_DOMID_SELF), 0, what);
	xt_snprintf(what, sizeof(what), "done of a batch of %u", n);
	xt_expect_eq(done, n, what);
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), vals[2], "entry after the batch: the last value");
}

void test_main(void)
{
	const unsigned int big = 65536;
	struct shale_mmu_update *reqs =
		(void *)xt_pfn_to_va(xt_alloc_pages(big * sizeof(*reqs) / PAGE_SIZE));
	struct shale_mmuext_op *ops = (void *)xt_pfn_to_va(xt_alloc_pages(4096 * 24 / PAGE_SIZE));
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t vals[3];
	unsigned int done = 0;

	for (unsigned int i = 0; i < 3; i++)
		vals[i] = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), i == 2);
	run(reqs, 4096, scratch, vals);
	vals[2] = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), false);
	run(reqs, big, scratch, vals);

	for (unsigned int i = 0; i < 4096; i++)
		ops[i] = (struct shale_mmuext_op){ .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL };
	xt_expect_rc(hc_mmuext_op(ops, 4096, &done, SHALE_DOMID_SELF), 0,
		     "mmuext_op batch of 4096 flushes");
	xt_expect_eq(done, 4096, "done of 4096 flushes");
	xt_pass();
}
