/* SPDX-License-Identifier: MIT */
/*
 * mmu_pin_bad_contents: pinning a table whose entries break the rules.
 *
 * What: each case writes one bad entry into a fresh frame while it is
 * still writable, makes it read-only and pins it at the given level:
 * an L1 mapping a hypervisor frame (-EPERM), an L1 mapping our L4
 * writable (-EBUSY), an L1 mapping itself writable (-EBUSY), an L1 entry
 * with PCD (-EINVAL), an L2 with a PSE entry (-EINVAL), an L2 pointing at
 * a frame mapped writable (-EBUSY), an L3 pointing at mfn past RAM
 * (-EINVAL), an L4 with an entry in guest slot 300 pointing at itself
 * (-EBUSY). After each refusal the frame maps writable again (0): a
 * failed validation leaves no type or reference behind.
 *
 * Why: pinning validates every entry (mm.h), the same rules as
 * mmu_update; a table that arrives whole must not bypass them.
 *
 * Broken hypervisor: checks only entries written through mmu_update, so a
 * guest pre-fills a table and pins it; or leaks type counts on the error
 * path so the frame stays typed.
 */
#include <xt.h>

const char test_title[] = "pinning tables with bad entries is refused and leaves no trace";

#define SELF	(~0ULL)		/* placeholder: the frame being pinned */

void test_main(void)
{
	uint64_t writable = xt_pfn_to_mfn(xt_alloc_page());
	const struct {
		uint32_t cmd;
		unsigned int slot;
		uint64_t mfn, flags;
		long expect;
		const char *what;
	} cases[] = {
		{ SHALE_MMUEXT_PIN_L1_TABLE, 0, XT_HV_IMAGE_MFN, XT_PT_DATA_RO, -SHALE_EPERM,
		  "L1 mapping a hypervisor frame" },
		{ SHALE_MMUEXT_PIN_L1_TABLE, 1, xt_l4_mfn, XT_PT_DATA_RW, -SHALE_EBUSY,
		  "L1 mapping our L4 writable" },
		{ SHALE_MMUEXT_PIN_L1_TABLE, 2, SELF, XT_PT_DATA_RW, -SHALE_EBUSY,
		  "L1 mapping itself writable" },
		{ SHALE_MMUEXT_PIN_L1_TABLE, 3, writable, XT_PT_DATA_RO | (1ULL << 4),
		  -SHALE_EINVAL, "L1 entry with PCD" },
		{ SHALE_MMUEXT_PIN_L2_TABLE, 4, writable & ~511ULL, XT_PT_DATA_RW | (1ULL << 7),
		  -SHALE_EINVAL, "L2 with a PSE entry" },
		{ SHALE_MMUEXT_PIN_L2_TABLE, 5, writable, XT_PT_TABLE, -SHALE_EBUSY,
		  "L2 pointing at a frame mapped writable" },
		{ SHALE_MMUEXT_PIN_L3_TABLE, 6, xt_max_mfn() + 1, XT_PT_TABLE, -SHALE_EINVAL,
		  "L3 pointing past RAM" },
		{ SHALE_MMUEXT_PIN_L4_TABLE, 300, SELF, XT_PT_TABLE, -SHALE_EBUSY,
		  "L4 with slot 300 pointing at itself" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t pfn = xt_alloc_page(), mfn = xt_pfn_to_mfn(pfn);
		uint64_t target = cases[i].mfn == SELF ? mfn : cases[i].mfn;
		struct shale_mmuext_op pin = { .cmd = cases[i].cmd, .arg1 = mfn };

		((uint64_t *)xt_pfn_to_va(pfn))[cases[i].slot] = (target << 12) | cases[i].flags;
		if (!xt_expect_rc(xt_map_readonly(pfn), 0, "remap the prepared frame read-only"))
			continue;
		xt_expect_refused(hc_mmuext_op(&pin, 1, NULL, SHALE_DOMID_SELF), cases[i].expect,
				  cases[i].what);
		xt_expect_rc(xt_map_writable(pfn), 0, "map the frame writable after the refusal");
	}
	xt_pass();
}
