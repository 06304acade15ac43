/* SPDX-License-Identifier: MIT */
/*
 * memop_balloon_long: reservation changes long enough to be continued.
 *
 * What: increase_reservation of 600 frames (more than the hypervisor's
 * step, so it continues at least twice) returns 600 distinct mfns below
 * max_mfn that are not in our p2m, and the count grows by 600 (the test
 * SKIPs if the maximum leaves no room). One of them maps, reads as zero
 * and unmaps. decrease_reservation of all 600 then returns 600 and the
 * count is back where it started.
 *
 * Why: DESIGN.md section 5: long operations continue in bounded steps,
 * invisibly to the guest; memory.h counts what was done across them.
 *
 * Broken hypervisor: a continuation that restarts from extent 0 (frames
 * allocated twice, or the count grows by more than 600), stops early,
 * hands out a frame we already own, or a frame with old contents.
 */
#include <xt.h>

const char test_title[] = "increase and decrease of 600 frames across continuations";

#define N	600

static uint64_t mfns[N];

static long reservation(unsigned int cmd, uint64_t n)
{
	struct shale_memory_reservation r = {
		.extent_start = (uint64_t)mfns, .nr_extents = n, .domid = SHALE_DOMID_SELF,
	};

	return hc_memory_op(cmd, &r);
}

static long count(unsigned int cmd)
{
	shale_domid_t self = SHALE_DOMID_SELF;

	return hc_memory_op(cmd, &self);
}

void test_main(void)
{
	long before = count(SHALE_MEMOP_current_reservation);
	uint64_t max_mfn = xt_max_mfn(), dups = 0;

	if (count(SHALE_MEMOP_maximum_reservation) < before + N) {
		xt_skip("no room for %d more frames (current %ld)", N, before);
		return;
	}
	if (!xt_expect_rc(reservation(SHALE_MEMOP_increase_reservation, N), N,
			  "increase by 600 frames"))
		return;
	xt_expect_eq(count(SHALE_MEMOP_current_reservation), before + N, "count after the increase");
	for (unsigned int i = 0; i < N; i++) {
		if (mfns[i] >= max_mfn || xt_mfn_to_pfn(mfns[i]) != XT_INVALID) {
			xt_fail("extent %u: mfn 0x%lx is past max_mfn or already ours", i, mfns[i]);
			break;
		}
		for (unsigned int j = 0; j < i; j++)
			dups += mfns[j] == mfns[i];
	}
	xt_expect_eq(dups, 0, "mfns handed out twice");

	xt_scratch_l1e(0);
	if (xt_expect_rc(hc_update_va_mapping(XT_SCRATCH_VA, xt_pte(mfns[N - 1], false),
					      SHALE_UVMF_INVLPG), 0, "map the last new frame")) {
		for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
			if (((volatile uint64_t *)XT_SCRATCH_VA)[i]) {
				xt_fail("new frame not zeroed at byte %u", i * 8);
				break;
			}
		xt_expect_rc(hc_update_va_mapping(XT_SCRATCH_VA, 0, SHALE_UVMF_INVLPG), 0, "unmap it");
	}

	xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation, N), N, "decrease by the 600");
	xt_expect_eq(count(SHALE_MEMOP_current_reservation), before, "count after the decrease");
	xt_pass();
}
