/* SPDX-License-Identifier: MIT */
/*
 * trap_bad_stack_hv: a fault while rsp points into the hypervisor.
 *
 * What: rsp is set to 0xffff830000100000, inside the hypervisor's direct
 * map (mapped, but supervisor-only: the hypervisor itself could write
 * there), then ud2. The bounce frame must not be written there: the
 * domain is crashed with a clear reason (status 5, "d0: crashed:"). If
 * the framework's rescue handler runs, the hypervisor wrote a frame into
 * its own memory, and the test FAILs.
 *
 * Why: the copy to the guest stack must check the range is guest address
 * space (DESIGN.md section 4), not just that the write does not fault:
 * in ring 0 it would not.
 *
 * Broken hypervisor: writes 48 guest-chosen bytes into physical memory at
 * 1 MiB (the hypervisor image): arbitrary code execution in ring 0, or a
 * corrupted hypervisor that dies later.
 */
#include <xt.h>

const char test_title[] = "a fault with rsp in the direct map crashes the domain (expected crash)";

#define BAD_RSP	SHALE_ULL(0xffff830000100000)

void test_main(void)
{
	struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];

	xt_build_trap_table(table, -1, X86_UD);
	if (!xt_expect_rc(hc_set_trap_table(table), 0, "set_trap_table with the rescue handler"))
		return;
	xt_printf("ud2 with rsp = 0x%llx (hypervisor): the domain must be crashed\n", BAD_RSP);
	asm volatile("mov %0, %%rsp; ud2" : : "r"(BAD_RSP) : "memory");
}
