/* SPDX-License-Identifier: MIT */
/*
 * m2p_readonly: the M2P mapping cannot be written by a guest.
 *
 * What: stores to the M2P entry of one of our frames, to the first entry
 * and to the last (max_mfn - 1) fault with #PF (error code present,
 * write, user; cr2 the address), and the entries keep their values.
 *
 * Why: DESIGN.md section 5: the M2P is read-only in every guest; all
 * changes go through MMU_MACHPHYS_UPDATE and its ownership check.
 *
 * Broken hypervisor: the M2P is mapped writable to guests: any domain
 * rewrites any other's entries.
 */
#include <xt.h>

const char test_title[] = "stores into the M2P fault";

void test_main(void)
{
	uint64_t mfn = xt_pfn_to_mfn(xt_alloc_page());
	const uint64_t entries[] = { mfn, 0, xt_max_mfn() - 1 };
	char what[80];

	for (unsigned int i = 0; i < ARRAY_SIZE(entries); i++) {
		uint64_t addr = SHALE_M2P_VIRT_START + entries[i] * 8;
		uint64_t before = xt_m2p(entries[i]);

		xt_snprintf(what, sizeof(what), "store to M2P[0x%lx]", entries[i]);
		if (xt_expect_eq(xt_try_write(addr, 0x5a5a), X86_PF, what)) {
			xt_expect_eq(xt_last_trap.error_code & 7,
				     PFEC_PRESENT | PFEC_WRITE | PFEC_USER, "error code");
			xt_expect_eq(xt_last_trap.cr2, addr, "cr2");
		}
		xt_expect_eq(xt_m2p(entries[i]), before, "the entry after the store");
	}
	xt_pass();
}
