/* SPDX-License-Identifier: MIT */
/*
 * abi_sched_console: sched_op yield and block, console_io write sizes.
 *
 * What: yield returns 0 (100 times); block returns 0 (3 times: the
 * 100 Hz tick wakes us); console_io write returns the count for 0, 1 and
 * 300 bytes (more than one of the hypervisor's 256-byte chunks) and for a
 * buffer that crosses a page boundary.
 *
 * Why: ABI.md: the calls every guest makes first. The console is the
 * framework's only output; its edge cases must hold before any verdict
 * can be trusted.
 *
 * Broken hypervisor: block never returns (time-out), yield returns
 * garbage, a chunked write returns the last chunk's size or drops a
 * chunk.
 */
#include <xt.h>

const char test_title[] = "sched_op yield/block return 0; console writes return their count";

static char text[300];

void test_main(void)
{
	uint64_t page = xt_pfn_to_va(xt_alloc_pages(2));
	char *cross = (char *)(page + PAGE_SIZE - 5);

	for (int i = 0; i < 100; i++)
		if (!xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_yield, NULL), 0, "yield"))
			break;
	for (int i = 0; i < 3; i++)
		xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_block, NULL), 0, "block");

	for (unsigned int i = 0; i < sizeof(text); i++)
		text[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
	text[sizeof(text) - 1] = '\n';
	xt_expect_eq(xt_write(text, 0), 0, "console write of 0 bytes");
	xt_expect_eq(xt_write("\n", 1), 1, "console write of 1 byte");
	xt_expect_eq(xt_write(text, sizeof(text)), sizeof(text), "console write of 300 bytes");
	memcpy(cross, "cross\n", 6);
	xt_expect_eq(xt_write(cross, 6), 6, "console write across a page boundary");
	xt_pass();
}
