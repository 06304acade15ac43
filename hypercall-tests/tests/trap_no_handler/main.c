/* SPDX-License-Identifier: MIT */
/*
 * trap_no_handler: an exception with no handler crashes the domain.
 *
 * What: the trap table is replaced by one with every vector except #UD;
 * then ud2. The domain must be crashed with a one-line reason naming the
 * exception (the runner expects status 5 and a "d0: crashed: ...UD"
 * line), and nothing after the ud2 may run.
 *
 * Why: traps.h: with no handler for V the domain is crashed with a
 * one-line reason; DESIGN.md section 5: silent crashes are what users
 * find hardest to debug.
 *
 * Broken hypervisor: bounces to address 0 or to a stale handler (the
 * test then prints FAIL and RESULT), loops re-delivering the fault
 * (time-out), or panics (status 3).
 */
#include <xt.h>

const char test_title[] = "ud2 with no #UD handler crashes the domain (expected crash)";

void test_main(void)
{
	struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];

	xt_build_trap_table(table, X86_UD, -1);
	if (!xt_expect_rc(hc_set_trap_table(table), 0, "set_trap_table without #UD"))
		return;
	xt_printf("executing ud2 with no #UD handler: the domain must be crashed\n");
	asm volatile("ud2");
	xt_fail("ud2 without a handler returned to the guest");
}
