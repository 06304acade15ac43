/* SPDX-License-Identifier: MIT */
/*
 * mmuext_bad: mmuext_op commands and fields it must refuse.
 *
 * What: cmd 8, 9, 100 and 0xffffffff are -ENOSYS; TLB_FLUSH_LOCAL with pad
 * or arg2 not zero is -EINVAL (mm.h: must be 0); INVLPG_LOCAL of a
 * non-canonical address or a hypervisor address is -EINVAL; a batch
 * [flush, unknown, flush] stops at the unknown command: -ENOSYS, done = 1.
 *
 * Why: mm.h: -ENOSYS for an unknown cmd; fields documented as "must be 0"
 * are rejected now so they can carry meaning later.
 *
 * Broken hypervisor: a switch that falls through to some command, an
 * invlpg of a non-canonical address in ring 0, a batch that continues
 * past the error or miscounts done.
 */
#include <xt.h>

const char test_title[] = "mmuext_op: unknown cmd -ENOSYS, bad fields -EINVAL";

void test_main(void)
{
	static const struct shale_mmuext_op cases[] = {
		{ .cmd = 8 }, { .cmd = 9 }, { .cmd = 100 }, { .cmd = 0xffffffff },
		{ .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL, .pad = 1 },
		{ .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL, .arg2 = 1 },
		{ .cmd = SHALE_MMUEXT_INVLPG_LOCAL, .arg1 = SHALE_ULL(0x0000800000000000) },
		{ .cmd = SHALE_MMUEXT_INVLPG_LOCAL, .arg1 = SHALE_ULL(0xffff830000000000) },
	};
	static const long expect[] = {
		-SHALE_ENOSYS, -SHALE_ENOSYS, -SHALE_ENOSYS, -SHALE_ENOSYS,
		-SHALE_EINVAL, -SHALE_EINVAL, -SHALE_EINVAL, -SHALE_EINVAL,
	};
	static const char *const what[] = {
		"cmd 8", "cmd 9", "cmd 100", "cmd 0xffffffff", "TLB_FLUSH_LOCAL with pad 1",
		"TLB_FLUSH_LOCAL with arg2 1", "INVLPG_LOCAL of non-canonical 0x0000800000000000",
		"INVLPG_LOCAL of hypervisor address 0xffff830000000000",
	};
	struct shale_mmuext_op batch[3] = {
		{ .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL }, { .cmd = 77 },
		{ .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL },
	};
	unsigned int done = 99;

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
		xt_expect_refused(hc_mmuext_op(&cases[i], 1, NULL, SHALE_DOMID_SELF), expect[i],
				  what[i]);
	xt_expect_refused(hc_mmuext_op(batch, 3, &done, SHALE_DOMID_SELF), -SHALE_ENOSYS,
			  "batch [flush, cmd 77, flush]");
	xt_expect_eq(done, 1, "done of [flush, cmd 77, flush]");
	xt_pass();
}
