/* SPDX-License-Identifier: MIT */
/*
 * memop_scrub_idle: freed frames are zeroed while the CPU idles.
 *
 * What: once physinfo's scrub_pages has fallen to 0 (we sleep until it
 * has, the hypervisor zeroing in its idle loop), 64 new frames filled with
 * a pattern and released raise scrub_pages by exactly 64. 64 frames taken
 * at once then read as zeroes. After the test sleeps, scrub_pages is 0
 * again, and 64 frames taken then read as zeroes too.
 *
 * Why: frame.h: every frame is all zeroes when it is allocated, whether
 * the idle loop zeroed it or the allocation did (the default scrub=idle);
 * a domain must never see what the previous owner of a frame wrote.
 *
 * Broken hypervisor: hands out a freed frame unzeroed (the pattern shows
 * through), counts dirty frames wrongly, or never zeroes them while idle.
 */
#include <xt.h>

const char test_title[] = "freed frames are zeroed while idle and before reuse";

#define N		64
#define PATTERN		0x5ec2e75ec2e75ec2ULL

static uint64_t mfns[N];

static long reservation(unsigned int cmd)
{
	struct shale_memory_reservation r = {
		.extent_start = (uint64_t)mfns, .nr_extents = N, .domid = SHALE_DOMID_SELF,
	};

	return hc_memory_op(cmd, &r);
}

static uint64_t dirty_frames(void)
{
	struct shale_domctl_physinfo p;

	return xt_physinfo(&p) ? ~0ULL : p.scrub_pages;
}

/* Sleeps until no free frame is left to zero, up to 20 s; false if it never gets there. */
static bool wait_all_zeroed(void)
{
	uint64_t deadline = xt_now_ns() + 20000 * XT_MS;

	while (dirty_frames() && xt_now_ns() < deadline)
		xt_sleep_ns(10 * XT_MS);
	return dirty_frames() == 0;
}

/* Takes N frames, checks they read as zeroes and gives them back. */
static void take_check_release(const char *when)
{
	if (!xt_expect_rc(reservation(SHALE_MEMOP_increase_reservation), N, when))
		return;
	xt_expect_eq(xt_nonzero_words(mfns, N), 0, "non-zero words in the frames taken");
	xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation), N, "release the frames");
}

void test_main(void)
{
	shale_domid_t self = SHALE_DOMID_SELF;

	if (hc_memory_op(SHALE_MEMOP_maximum_reservation, &self) <
	    hc_memory_op(SHALE_MEMOP_current_reservation, &self) + N) {
		xt_skip("no room for %d more frames", N);
		return;
	}
	if (!wait_all_zeroed()) {
		xt_fail("%lu free frames still not zeroed after 20 s of idle", dirty_frames());
		return;
	}
	if (!xt_expect_rc(reservation(SHALE_MEMOP_increase_reservation), N, "take 64 frames"))
		return;
	xt_fill_frames(mfns, N, PATTERN);
	xt_expect_rc(reservation(SHALE_MEMOP_decrease_reservation), N, "release them");
	xt_expect_eq(dirty_frames(), N, "frames left to zero after releasing 64 written ones");

	take_check_release("take 64 frames at once");
	if (!wait_all_zeroed())
		xt_fail("%lu released frames still not zeroed after 20 s of idle", dirty_frames());
	take_check_release("take 64 frames after idling");
	xt_pass();
}
