/* SPDX-License-Identifier: MIT */
/*
 * trap_bad_stack_unmapped: a fault while rsp points at unmapped memory.
 *
 * What: rsp is set into an unmapped page (0x10800), then ud2. The bounce
 * frame cannot be written, so the domain must be crashed with a clear
 * reason (status 5, a "d0: crashed:" line); the hypervisor survives. Our
 * #UD handler is the framework's rescue handler: if it is ever reached,
 * the frame went somewhere it must not, and the test FAILs.
 *
 * Why: traps.h: when the frame cannot be written (a bad guest stack), the
 * domain is crashed. The write is a guest access from ring 0 and must go
 * through the checked copy.
 *
 * Broken hypervisor: an unchecked write faults in ring 0 (panic), or the
 * fault on the write is itself bounced, forever (time-out).
 */
#include <xt.h>

const char test_title[] = "a fault on an unmapped stack crashes the domain (expected crash)";

#define BAD_RSP	0x10800ULL

void test_main(void)
{
	struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];

	xt_build_trap_table(table, -1, X86_UD);
	if (!xt_expect_rc(hc_set_trap_table(table), 0, "set_trap_table with the rescue handler"))
		return;
	xt_printf("ud2 with rsp = 0x%llx (unmapped): the domain must be crashed\n", BAD_RSP);
	asm volatile("mov %0, %%rsp; ud2" : : "r"(BAD_RSP) : "memory");
}
