/* SPDX-License-Identifier: MIT */
/*
 * trap_bad_stack_ro: a fault while rsp points at a read-only page table.
 *
 * What: rsp is set to the top of our L4's page (mapped read-only to us),
 * then ud2. The bounce frame must not be written through: the domain is
 * crashed with a clear reason (status 5, "d0: crashed:"). If the
 * framework's rescue handler runs, the hypervisor wrote 48 bytes of our
 * choosing into our live L4, and the test FAILs.
 *
 * Why: a ring-0 write ignores the read-only bit unless CR0.WP is set, and
 * a checked copy that only asks "is it mapped" is not enough: the guest
 * would get writes into any read-only page, page tables first of all.
 *
 * Broken hypervisor: the frame lands in the L4 (unvalidated entries in
 * slots 506-511: the hypervisor's own slot 511 replaced), or the
 * hypervisor faults in ring 0.
 */
#include <xt.h>

const char test_title[] = "a fault with rsp on a read-only page crashes the domain (expected)";

void test_main(void)
{
	struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];
	uint64_t rsp = xt_si->pt_base + PAGE_SIZE;

	xt_build_trap_table(table, -1, X86_UD);
	if (!xt_expect_rc(hc_set_trap_table(table), 0, "set_trap_table with the rescue handler"))
		return;
	xt_printf("ud2 with rsp = 0x%lx (top of our read-only L4): the domain must be crashed\n",
		  rsp);
	asm volatile("mov %0, %%rsp; ud2" : : "r"(rsp) : "memory");
}
