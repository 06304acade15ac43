/* SPDX-License-Identifier: MIT */
/*
 * abi_unknown_hypercall: numbers with no hypercall behind them.
 *
 * What: rax = 2, 3, 63 (empty slots below SHALE_NR_HYPERCALLS), 64 (the
 * first past the table), 0x1000, 2^32 + 17 (version's number with high
 * bits set: the full 64 bits must be compared, not the low 32) and
 * 0xffffffffffffffff; each with junk in every argument register. All must
 * give -ENOSYS, and the hypervisor must still answer.
 *
 * Why: the dispatcher indexes a table with a guest-chosen number (ABI.md:
 * anything else below 64, and 64 or more, is -ENOSYS).
 *
 * Broken hypervisor: a missing bound check jumps through whatever follows
 * the table (a panic, status 3); a 32-bit truncation runs version; an
 * empty slot is called through a NULL pointer.
 */
#include <xt.h>

const char test_title[] = "unknown hypercall numbers give -ENOSYS";

static const struct {
	uint64_t nr;
	const char *what;
} cases[] = {
	{ 2, "hypercall 2 (empty slot)" },
	{ 3, "hypercall 3 (empty slot)" },
	{ 63, "hypercall 63 (last slot, empty)" },
	{ 64, "hypercall 64 (first past the table)" },
	{ 0x1000, "hypercall 0x1000" },
	{ (1ULL << 32) + SHALE_HYPERCALL_version, "hypercall 2^32 + 17 (high bits set)" },
	{ 0x8000000000000000ULL, "hypercall 0x8000000000000000" },
	{ ~0ULL, "hypercall 0xffffffffffffffff" },
};

void test_main(void)
{
	const uint64_t junk = 0xdead0000beef0000ULL;

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		long rc = hc_raw(cases[i].nr, junk, junk + 1, junk + 2, junk + 3, junk + 4,
				 junk + 5);

		xt_expect_refused(rc, -SHALE_ENOSYS, cases[i].what);
	}
	xt_pass();
}
