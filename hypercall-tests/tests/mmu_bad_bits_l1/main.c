/* SPDX-License-Identifier: MIT */
/*
 * mmu_bad_bits_l1: L1 entries with bits a guest may not set.
 *
 * What: a read-only entry for one of our own frames, plus one of PWT (3),
 * PCD (4), PAT (7) or any of bits 52-62, is refused with -EINVAL by
 * mmu_update and by update_va_mapping, and the scratch entry stays empty.
 * The same entry without the bad bit is accepted (control), so the
 * refusals are about the bit.
 *
 * Why: mm.h lists the bits a guest may use; cache-control bits let a guest
 * create uncached aliases of memory the hypervisor maps cached, bits
 * 52-62 are protection keys and reserved bits whose meaning CPUs add over
 * time (a #PF with RSVD set in the guest at best).
 *
 * Broken hypervisor: accepts the entry (0) or refuses it for another
 * reason (another errno).
 */
#include <xt.h>

const char test_title[] = "L1 entries with PWT, PCD, PAT or bits 52-62 give -EINVAL";

void test_main(void)
{
	uint64_t scratch = xt_scratch_l1e(0);
	uint64_t good = xt_pte(xt_pfn_to_mfn(xt_alloc_page()), false);
	unsigned int bits[3 + 11] = { 3, 4, 7 };
	char what[96];

	for (unsigned int b = 52; b <= 62; b++)
		bits[3 + b - 52] = b;
	for (unsigned int i = 0; i < ARRAY_SIZE(bits); i++) {
		uint64_t val = good | (1ULL << bits[i]);

		xt_snprintf(what, sizeof(what), "mmu_update of an L1 entry with bit %u", bits[i]);
		xt_expect_refused(xt_set_pte(scratch, val), -SHALE_EINVAL, what);
		xt_snprintf(what, sizeof(what), "update_va_mapping with bit %u", bits[i]);
		xt_expect_refused(hc_update_va_mapping(XT_SCRATCH_VA, val, SHALE_UVMF_INVLPG),
				  -SHALE_EINVAL, what);
		xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "scratch entry after the refusals");
	}
	xt_expect_rc(xt_set_pte(scratch, good), 0, "control: the entry without a bad bit");
	xt_expect_rc(xt_set_pte(scratch, good | SHALE_PTE_NX | SHALE_PTE_GLOBAL | SHALE_PTE_AVAIL),
		     0, "control: NX, Global and the available bits in an L1 entry");
	xt_expect_rc(xt_set_pte(scratch, 0), 0, "clearing the scratch entry");
	xt_pass();
}
