/* SPDX-License-Identifier: MIT */
/*
 * uvm_bad: update_va_mapping of addresses and flags it must refuse.
 *
 * What: a valid entry (a frame of ours, read-only) at the M2P area, the
 * direct map, the last reserved slot, the image slot, the hypervisor
 * text, two non-canonical addresses and a guest address no L1 covers:
 * -EINVAL each. At our scratch address with unknown flags (4, 0x100,
 * 1 << 63): -EINVAL, and the entry stays empty.
 *
 * Why: mm.h: -EINVAL when va is not a guest address or no L1 table covers
 * it, or flags are unknown. The L1 that covers a hypervisor address is the
 * hypervisor's own.
 *
 * Broken hypervisor: walks the current tables for a hypervisor address
 * and writes the guest's entry into the hypervisor's L1 (total
 * compromise), faults on a non-canonical walk (panic), or ignores flags.
 */
#include <xt.h>

const char test_title[] = "update_va_mapping refuses hypervisor addresses and unknown flags";

void test_main(void)
{
	static const struct {
		uint64_t va;
		const char *what;
	} vas[] = {
		{ SHALE_M2P_VIRT_START, "va 0xffff800000000000 (M2P)" },
		{ SHALE_ULL(0xffff830000000000), "va 0xffff830000000000 (direct map)" },
		{ SHALE_HYPERVISOR_VIRT_END - PAGE_SIZE, "va in L4 slot 271" },
		{ SHALE_HYPERVISOR_IMAGE_START, "va 0xffffff8000000000 (slot 511)" },
		{ SHALE_ULL(0xffffffff80100000), "va 0xffffffff80100000 (hypervisor text)" },
		{ SHALE_ULL(0x0000800000000000), "non-canonical va 0x0000800000000000" },
		{ SHALE_ULL(0x8000000000000000), "non-canonical va 0x8000000000000000" },
		{ SHALE_ULL(0x0000500000000000), "guest va with no L1 (0x0000500000000000)" },
	};
	static const uint64_t flags[] = { 4, 0x100, 1ULL << 63 };
	uint64_t val = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), false);
	char what[96];

	xt_scratch_l1e(0);
	for (unsigned int i = 0; i < ARRAY_SIZE(vas); i++)
		xt_expect_refused(hc_update_va_mapping(vas[i].va, val, SHALE_UVMF_INVLPG),
				  -SHALE_EINVAL, vas[i].what);
	for (unsigned int i = 0; i < ARRAY_SIZE(flags); i++) {
		xt_snprintf(what, sizeof(what), "flags 0x%lx", flags[i]);
		xt_expect_refused(hc_update_va_mapping(XT_SCRATCH_VA, val, flags[i]), -SHALE_EINVAL,
				  what);
		xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "scratch entry after unknown flags");
	}
	xt_expect_eq(xt_try_read(xt_si->virt_base, NULL), -1, "our memory still reads");
	xt_pass();
}
