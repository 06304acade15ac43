/* SPDX-License-Identifier: MIT */
/*
 * memop_scrub_alloc: with scrub=alloc, a frame is zeroed when handed out.
 *
 * What: booted with scrub=alloc, no free frame is zeroed in advance
 * (physinfo's scrub_pages equals free_pages, also after sleeping 200 ms).
 * 64 frames filled with a pattern and released come straight back to the
 * next increase_reservation of 64 (the same frames: the allocator hands
 * out the lowest free frame), and read as zeroes.
 *
 * Why: frame.h: every frame is all zeroes when it is allocated; this is
 * the path where the allocation itself must zero the frame, the one the
 * default mode takes when the idle loop has not caught up.
 *
 * Broken hypervisor: hands a dirty frame out as it is (the previous
 * owner's pattern shows through), or zeroes while idle despite scrub=alloc.
 */
#include <xt.h>

const char test_title[] = "scrub=alloc: a released frame comes back zeroed";

#define N		64
#define PATTERN		0xa110ca7ea110ca7eULL

static uint64_t mfns[N], released[N];

static long reservation(unsigned int cmd)
{
	struct shale_memory_reservation r = {
		.extent_start = (uint64_t)mfns, .nr_extents = N, .domid = SHALE_DOMID_SELF,
	};

	return hc_memory_op(cmd, &r);
}

static unsigned int reused(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < N; i++)
		for (unsigned int j = 0; j < N; j++)
			n += mfns[i] == released[j];
	return n;
}

void test_main(void)
{
	shale_domid_t self = SHALE_DOMID_SELF;
	struct shale_domctl_physinfo p;

	if (hc_memory_op(SHALE_MEMOP_maximum_reservation, &self) <
	    hc_memory_op(SHALE_MEMOP_current_reservation, &self) + N) {
		xt_skip("no room for %d more frames", N);
		return;
	}
	xt_sleep_ns(200 * XT_MS);
	if (!xt_expect_rc(xt_physinfo(&p), 0, "physinfo"))
		return;
	xt_expect_eq(p.scrub_pages, p.free_pages, "free frames zeroed in advance under scrub=alloc");

	if (!xt_expect_rc(reservation(SHALE_MEMOP_increase_reservation), N, "take 64 frames"))
		return;
	xt_fill_frames(mfns, N, PATTERN);
	if (!xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation), N, "release them"))
		return;
	for (unsigned int i = 0; i < N; i++)
		released[i] = mfns[i];

	if (!xt_expect_rc(reservation(SHALE_MEMOP_increase_reservation), N, "take 64 frames again"))
		return;
	xt_expect_eq(reused(), N, "released frames handed out again");
	xt_expect_eq(xt_nonzero_words(mfns, N), 0, "non-zero words in the frames taken again");
	xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation), N, "release them again");
	xt_pass();
}
