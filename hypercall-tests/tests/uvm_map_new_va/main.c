/* SPDX-License-Identifier: MIT */
/*
 * uvm_map_new_va: update_va_mapping of a free frame at a new address.
 *
 * What: at an address covered by an L1 we built (nothing mapped there),
 * map a free frame of ours read-only (flags NONE: the entry was empty):
 * reads see its contents, a store faults (#PF, error code P|W|U, cr2 =
 * the address). Remap it writable with INVLPG: the store goes through and
 * shows in the linear view. Unmap it with INVLPG: a read faults with
 * error code U (not present) and cr2 = the address.
 *
 * Why: update_va_mapping is how PV kernels change one mapping cheaply;
 * the flush flag decides whether the old translation can linger.
 *
 * Broken hypervisor: refuses a valid entry, maps it with other rights
 * than asked (a store succeeds on the read-only mapping), or does not
 * flush on INVLPG (the old read-only or present translation is used).
 */
#include <xt.h>

const char test_title[] = "update_va_mapping maps a free frame read-only, writable, then unmaps";

void test_main(void)
{
	uint64_t pfn = xt_alloc_page(), mfn = xt_pfn_to_mfn(pfn);
	volatile uint64_t *linear = (uint64_t *)xt_pfn_to_va(pfn);
	uint64_t va = XT_SCRATCH_VA + 5 * PAGE_SIZE, got = 0;

	xt_scratch_l1e(5);
	linear[0] = 0xabcdef;
	if (!xt_expect_rc(hc_update_va_mapping(va, xt_pte(mfn, false), SHALE_UVMF_NONE), 0,
			  "map read-only"))
		return;
	xt_expect_eq(xt_try_read(va, &got), -1, "read through the read-only mapping");
	xt_expect_eq(got, 0xabcdef, "value read");
	if (xt_expect_eq(xt_try_write(va, 1), X86_PF, "store through the read-only mapping")) {
		xt_expect_eq(xt_last_trap.error_code & 7, PFEC_PRESENT | PFEC_WRITE | PFEC_USER,
			     "error code of the store");
		xt_expect_eq(xt_last_trap.cr2, va, "cr2 of the store");
	}

	if (!xt_expect_rc(hc_update_va_mapping(va, xt_pte(mfn, true), SHALE_UVMF_INVLPG), 0,
			  "remap writable"))
		return;
	xt_expect_eq(xt_try_write(va + 8, 0x5150), -1, "store through the writable mapping");
	xt_expect_eq(linear[1], 0x5150, "the store seen in the linear view");

	xt_expect_rc(hc_update_va_mapping(va, 0, SHALE_UVMF_INVLPG), 0, "unmap");
	if (xt_expect_eq(xt_try_read(va, NULL), X86_PF, "read after the unmap")) {
		xt_expect_eq(xt_last_trap.error_code & 7, PFEC_USER, "error code: not present");
		xt_expect_eq(xt_last_trap.cr2, va, "cr2 of the read");
	}
	xt_pass();
}
