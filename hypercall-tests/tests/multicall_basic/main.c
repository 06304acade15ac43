/* SPDX-License-Identifier: MIT */
/*
 * multicall_basic: several hypercalls in one.
 *
 * What: 16 version calls in one multicall return 0, and every entry's
 * result is the ABI version. A mixed multicall (console write, an
 * mmu_update mapping a frame at the scratch address, update_va_mapping
 * switching it to another frame with INVLPG, version) gives each call its
 * own result, and the effects are those of the calls made in order.
 * count 0 is 0. A multicall of SHALE_MULTICALL_MAX version calls (long
 * enough for the hypervisor to continue it in steps) fills every result.
 *
 * Why: multicall.h; PV kernels batch their page-table work this way.
 *
 * Broken hypervisor: results in the wrong entries, arguments shifted by
 * one, calls run out of order or only the first one run.
 */
#include <xt.h>

const char test_title[] = "multicall runs each entry and stores each result";

static struct shale_multicall_entry calls[16];

void test_main(void)
{
	static const char text[] = "multicall: console write\n";
	uint64_t pfn = xt_alloc_pages(2), scratch = xt_scratch_l1e(0);
	unsigned int done = 0;
	struct shale_mmu_update req = { scratch, xt_pte(xt_pfn_to_mfn(pfn), false) };
	struct shale_multicall_entry *big;

	for (unsigned int i = 0; i < 16; i++)
		calls[i] = (struct shale_multicall_entry){ .op = SHALE_HYPERCALL_version,
							   .result = 0x5555 };
	xt_expect_rc(hc_multicall(calls, 16), 0, "multicall of 16 version calls");
	for (unsigned int i = 0; i < 16; i++)
		xt_expect_eq(calls[i].result, XT_ABI_VERSION, "result of a version entry");

	*(volatile uint64_t *)xt_pfn_to_va(pfn + 1) = 0xb0b0;
	calls[0] = (struct shale_multicall_entry){ SHALE_HYPERCALL_console_io, 0x5555,
		{ SHALE_CONSOLEIO_write, sizeof(text) - 1, (uint64_t)text } };
	calls[1] = (struct shale_multicall_entry){ SHALE_HYPERCALL_mmu_update, 0x5555,
		{ (uint64_t)&req, 1, (uint64_t)&done, SHALE_DOMID_SELF } };
	calls[2] = (struct shale_multicall_entry){ SHALE_HYPERCALL_update_va_mapping, 0x5555,
		{ XT_SCRATCH_VA, xt_pte(xt_pfn_to_mfn(pfn + 1), false), SHALE_UVMF_INVLPG } };
	calls[3] = (struct shale_multicall_entry){ SHALE_HYPERCALL_version, 0x5555, { 0 } };
	xt_expect_rc(hc_multicall(calls, 4), 0, "mixed multicall");
	xt_expect_eq(calls[0].result, sizeof(text) - 1, "console write entry");
	xt_expect_eq(calls[1].result, 0, "mmu_update entry");
	xt_expect_eq(done, 1, "done of the mmu_update entry");
	xt_expect_eq(calls[2].result, 0, "update_va_mapping entry");
	xt_expect_eq(calls[3].result, XT_ABI_VERSION, "version entry");
	xt_expect_eq(*(volatile uint64_t *)XT_SCRATCH_VA, 0xb0b0, "read after the multicall");
	xt_expect_rc(hc_multicall(calls, 0), 0, "multicall of 0 entries");

	big = (void *)xt_pfn_to_va(xt_alloc_pages(SHALE_MULTICALL_MAX * sizeof(*big) / PAGE_SIZE));
	for (unsigned int i = 0; i < SHALE_MULTICALL_MAX; i++)
		big[i] = (struct shale_multicall_entry){ .op = SHALE_HYPERCALL_version,
							 .result = 0x5555 };
	xt_expect_rc(hc_multicall(big, SHALE_MULTICALL_MAX), 0, "multicall of MULTICALL_MAX");
	for (unsigned int i = 0; i < SHALE_MULTICALL_MAX; i++)
		if (!xt_expect_eq(big[i].result, XT_ABI_VERSION, "result in a long multicall"))
			break;
	xt_pass();
}
