/* SPDX-License-Identifier: MIT */
/*
 * mmu_batch_bounds: counts, partial batches and done.
 *
 * What: mmu_update and mmuext_op with count 0xffffffff,
 * SHALE_MMU_MAX_COUNT + 1 and 0x80000001 (a small count with bit 31 set,
 * whatever a hypervisor may use that bit for internally) are -E2BIG, and
 * nothing is applied; count 0 is 0 with done = 0. count is an unsigned
 * int: with junk in the register's upper half, (7 << 32) | 1, the call
 * either ignores the junk (0, done = 1) or refuses it (-E2BIG, done = 0);
 * a guest cannot make the hypervisor report work it never did. A batch
 * claiming SHALE_MMU_MAX_COUNT requests whose buffer holds 8 valid ones
 * and then runs into an unmapped page is -EFAULT with done = 8. A batch
 * [A, B, bad, C] stops at the bad one: -EINVAL, done = 2, the entry holds
 * B. done is written (0) also when the call is refused before any
 * request (-E2BIG, -ESRCH).
 *
 * Why: mm.h: requests apply in order and stop at the first failure, done
 * says how many succeeded; guests rely on done to resume or undo.
 *
 * Broken hypervisor: a multiplication count * 16 that overflows, reading
 * past the buffer (fault in ring 0), applying requests after the failure,
 * or a done that does not match what was applied.
 */
#include <xt.h>

const char test_title[] = "mmu_update batch bounds: -E2BIG, -EFAULT and done";

/* count = (7 << 32) | 1 through hc_raw: the upper half is no progress to trust. */
static void check_upper_half(uint64_t nr, const void *ops, const char *what)
{
	unsigned int done = 99;
	long rc = hc_raw(nr, (uint64_t)ops, (7ULL << 32) | 1, (uint64_t)&done,
			 SHALE_DOMID_SELF, 0, 0);

	if (rc == 0)
		xt_expect_eq(done, 1, what);
	else if (xt_expect_refused(rc, -SHALE_E2BIG, what))
		xt_expect_eq(done, 0, what);
}

void test_main(void)
{
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t a = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), false);
	uint64_t b = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), false);
	uint64_t pfn = xt_alloc_pages(2), edge = xt_pfn_to_va(pfn + 1);
	struct shale_mmu_update *tail = (struct shale_mmu_update *)edge - 8;
	struct shale_mmu_update mid[4] = {
		{ scratch, a }, { scratch, b }, { scratch, a | (1ULL << 4) }, { scratch, a },
	};
	struct shale_mmuext_op flush = { .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL };
	unsigned int done;

	done = 99;
	xt_expect_refused(hc_mmu_update(mid, 0xffffffff, &done, SHALE_DOMID_SELF), -SHALE_E2BIG,
			  "mmu_update count 0xffffffff");
	xt_expect_refused(hc_mmu_update(mid, SHALE_MMU_MAX_COUNT + 1, NULL, SHALE_DOMID_SELF),
			  -SHALE_E2BIG, "mmu_update count SHALE_MMU_MAX_COUNT + 1");
	xt_expect_refused(hc_mmuext_op(&flush, 0xffffffff, NULL, SHALE_DOMID_SELF), -SHALE_E2BIG,
			  "mmuext_op count 0xffffffff");
	xt_expect_eq(done, 0, "done after -E2BIG");
	done = 5;
	xt_expect_refused(hc_mmu_update(mid, 0x80000001, &done, SHALE_DOMID_SELF), -SHALE_E2BIG,
			  "mmu_update count 0x80000001");
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "entry after count 0x80000001");
	xt_expect_refused(hc_mmuext_op(&flush, 0x80000001, &done, SHALE_DOMID_SELF), -SHALE_E2BIG,
			  "mmuext_op count 0x80000001");
	check_upper_half(SHALE_HYPERCALL_mmu_update, &mid[0],
			 "done of mmu_update with count (7 << 32) | 1");
	check_upper_half(SHALE_HYPERCALL_mmuext_op, &flush,
			 "done of mmuext_op with count (7 << 32) | 1");
	xt_set_pte(scratch, 0);
	done = 99;
	xt_expect_refused(hc_mmu_update(mid, 1, &done, 5), -SHALE_ESRCH, "foreign_dom 5");
	xt_expect_eq(done, 0, "done after -ESRCH");
	done = 99;
	xt_expect_rc(hc_mmu_update(mid, 0, &done, SHALE_DOMID_SELF), 0, "count 0");
	xt_expect_eq(done, 0, "done after count 0");

	for (unsigned int i = 0; i < 8; i++)
		tail[i] = (struct shale_mmu_update){ scratch, i & 1 ? a : b };
	if (xt_expect_rc(hc_update_va_mapping(edge, 0, SHALE_UVMF_INVLPG), 0,
			 "unmapping the page after the buffer")) {
		done = 99;
		xt_expect_refused(hc_mmu_update(tail, SHALE_MMU_MAX_COUNT, &done, SHALE_DOMID_SELF),
				  -SHALE_EFAULT, "count SHALE_MMU_MAX_COUNT, buffer ends after 8");
		xt_expect_eq(done, 8, "done when the buffer ends after 8 requests");
		xt_expect_eq(xt_l1e(XT_SCRATCH_VA), a, "entry after the 8 requests");
		xt_expect_rc(xt_map_writable(pfn + 1), 0, "mapping the page back");
	}

	done = 99;
	xt_expect_refused(hc_mmu_update(mid, 4, &done, SHALE_DOMID_SELF), -SHALE_EINVAL,
			  "batch [A, B, bad, C]");
	xt_expect_eq(done, 2, "done of [A, B, bad, C]");
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), b, "entry after [A, B, bad, C]: B");
	xt_pass();
}
