/* SPDX-License-Identifier: MIT */
/*
 * mmu_mfn_past_ram: entries naming frames past the end of RAM.
 *
 * What: with max_mfn from memory_op(machphys_mapping) (every mfn below it
 * has an M2P entry), mapping mfn max_mfn, max_mfn + 1, max_mfn + 0x10000
 * and 2^40 - 1 (the largest an entry can name) through mmu_update and
 * update_va_mapping is -EINVAL, and nothing is mapped.
 *
 * Why: the frame table has no entry for such frames; looking one up
 * without a bound reads (or writes the reference count of) whatever lies
 * past the table.
 *
 * Broken hypervisor: a panic on the frame-table access, silent corruption
 * of the memory after the frame table, or a mapping of device memory.
 */
#include <xt.h>

const char test_title[] = "mapping mfns past the end of RAM gives -EINVAL";

void test_main(void)
{
	uint64_t max = xt_max_mfn();
	const uint64_t mfns[] = { max, max + 1, max + 0x10000, (1ULL << 40) - 1 };
	uint64_t scratch = xt_scratch_l1e(0);
	char what[96];

	for (unsigned int i = 0; i < ARRAY_SIZE(mfns); i++) {
		for (int rw = 0; rw <= 1; rw++) {
			xt_snprintf(what, sizeof(what), "mmu_update mapping mfn 0x%lx%s", mfns[i],
				    rw ? " writable" : "");
			xt_expect_refused(xt_set_pte(scratch, xt_pte(mfns[i], rw)), -SHALE_EINVAL,
					  what);
			xt_snprintf(what, sizeof(what), "update_va_mapping of mfn 0x%lx%s",
				    mfns[i], rw ? " writable" : "");
			xt_expect_refused(hc_update_va_mapping(XT_SCRATCH_VA, xt_pte(mfns[i], rw),
							       SHALE_UVMF_INVLPG),
					  -SHALE_EINVAL, what);
		}
	}
	xt_expect_eq(xt_l1e(XT_SCRATCH_VA), 0, "scratch entry after the refusals");
	xt_pass();
}
