/* SPDX-License-Identifier: MIT */
/*
 * mmu_pt_write_direct: a guest storing straight into its own page tables.
 *
 * What: for the L4, L3, L2 and an L1 of the bootstrap tables, an 8-byte
 * store through the read-only linear mapping must raise #PF (caught: error
 * code present|write|user, vcpu_info.cr2 = the address) and leave the
 * entry unchanged.
 *
 * Why: the first invariant of DESIGN.md section 5: a frame of a page-table
 * type is never mapped writable by a guest, so every change goes through
 * mmu_update and its validation.
 *
 * Broken hypervisor: the store succeeds (the tables were mapped writable,
 * or CR0.WP is off while the guest runs) and the guest can map anything,
 * the hypervisor included.
 */
#include <xt.h>

const char test_title[] = "stores into own page tables fault with #PF";

void test_main(void)
{
	struct xt_walk w;
	char what[96];

	if (xt_walk(xt_si->virt_base, &w) != 1) {
		xt_error("no L1 maps virt_base");
		return;
	}
	for (unsigned int level = 4; level >= 1; level--) {
		uint64_t table = xt_pfn_to_va(xt_mfn_to_pfn(w.table_mfn[level]));
		uint64_t addr = table + 8 * 509;	/* a slot no bootstrap table uses */
		uint64_t before = *(volatile uint64_t *)addr, after;
		long v = xt_try_write(addr, 0x1234000 | XT_PT_DATA_RW);

		xt_snprintf(what, sizeof(what), "store into the L%u table at 0x%lx", level, addr);
		if (!xt_expect_eq(v, X86_PF, what))
			continue;
		xt_snprintf(what, sizeof(what), "L%u store: page-fault error code & (P|W|U)", level);
		xt_expect_eq(xt_last_trap.error_code & 7, PFEC_PRESENT | PFEC_WRITE | PFEC_USER,
			     what);
		xt_snprintf(what, sizeof(what), "L%u store: vcpu_info.cr2", level);
		xt_expect_eq(xt_last_trap.cr2, addr, what);
		xt_try_read(addr, &after);
		xt_snprintf(what, sizeof(what), "L%u entry 509 after the refused store", level);
		xt_expect_eq(after, before, what);
	}
	xt_hypervisor_alive();
	xt_pass();
}
