/* SPDX-License-Identifier: MIT */
/*
 * multicall_bad: what a multicall must refuse, entry by entry or whole.
 *
 * What: in a multicall of version, hypercall 64, version, hypercall 2,
 * multicall (nested), iret, version, an mmu_update batch of
 * SHALE_MULTICALL_MAX_BATCH + 1 requests, version: the unknown numbers
 * give -ENOSYS in their results, the nested multicall and iret -EINVAL,
 * the oversized batch -E2BIG, and every version entry still the ABI
 * version; the call itself returns 0. A count of SHALE_MULTICALL_MAX + 1
 * is -E2BIG; an array in a read-only page (results cannot be written) is
 * -EFAULT.
 *
 * Why: multicall.h. Nesting would let a guest recurse on the hypervisor
 * stack; iret inside a multicall would switch context in the middle of
 * the loop; the batch limit bounds the work between preemption points.
 *
 * Broken hypervisor: a stack overflow from nesting (panic), a dispatch of
 * an unchecked number, a failing entry that stops the others, or results
 * written into a read-only page.
 */
#include <xt.h>

const char test_title[] = "multicall: unknown, nested, iret and oversized entries refused";

static struct shale_mmu_update reqs[SHALE_MULTICALL_MAX_BATCH + 1];
static struct shale_multicall_entry inner[1] = { { .op = SHALE_HYPERCALL_version } };

static const struct {
	uint64_t op;
	long expect;
	const char *what;
} cases[] = {
	{ SHALE_HYPERCALL_version, XT_ABI_VERSION, "version entry" },
	{ 64, -SHALE_ENOSYS, "hypercall 64 entry" },
	{ SHALE_HYPERCALL_version, XT_ABI_VERSION, "version entry after hypercall 64" },
	{ 2, -SHALE_ENOSYS, "hypercall 2 entry" },
	{ SHALE_HYPERCALL_multicall, -SHALE_EINVAL, "nested multicall entry" },
	{ SHALE_HYPERCALL_iret, -SHALE_EINVAL, "iret entry" },
	{ SHALE_HYPERCALL_version, XT_ABI_VERSION, "version entry after iret" },
	{ SHALE_HYPERCALL_mmu_update, -SHALE_E2BIG, "mmu_update entry of MAX_BATCH + 1" },
	{ SHALE_HYPERCALL_version, XT_ABI_VERSION, "last version entry" },
};

void test_main(void)
{
	struct shale_multicall_entry calls[ARRAY_SIZE(cases)];
	uint64_t scratch = xt_scratch_l1e(0);

	for (unsigned int i = 0; i < ARRAY_SIZE(reqs); i++)
		reqs[i] = (struct shale_mmu_update){ scratch, 0 };
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		calls[i] = (struct shale_multicall_entry){ .op = cases[i].op, .result = 0x5555 };
		if (cases[i].op == SHALE_HYPERCALL_multicall) {
			calls[i].args[0] = (uint64_t)inner;
			calls[i].args[1] = 1;
		} else if (cases[i].op == SHALE_HYPERCALL_mmu_update) {
			calls[i].args[0] = (uint64_t)reqs;
			calls[i].args[1] = ARRAY_SIZE(reqs);
			calls[i].args[3] = SHALE_DOMID_SELF;
		}
	}
	xt_expect_rc(hc_multicall(calls, ARRAY_SIZE(calls)), 0, "multicall with bad entries");
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
		xt_expect_rc(calls[i].result, cases[i].expect, cases[i].what);
	xt_hypervisor_alive();

	xt_expect_refused(hc_multicall(calls, SHALE_MULTICALL_MAX + 1), -SHALE_E2BIG,
			  "multicall count SHALE_MULTICALL_MAX + 1");
	xt_expect_refused(hc_multicall(calls, 0xffffffff), -SHALE_E2BIG,
			  "multicall count 0xffffffff");
	xt_expect_refused(hc_multicall((void *)xt_si->pt_base, 1), -SHALE_EFAULT,
			  "multicall array in a read-only page");
	xt_pass();
}
