/* SPDX-License-Identifier: MIT */
/*
 * trap_bad_stack_noncanonical: a fault while rsp is non-canonical.
 *
 * What: rsp is set to 0x0000800000001000 (non-canonical), then ud2. The
 * bounce frame cannot be written: the domain is crashed with a clear
 * reason (status 5, "d0: crashed:"). Reaching the framework's rescue
 * handler would mean a frame was written somewhere, and FAILs.
 *
 * Why: a non-canonical address used in ring 0 raises #GP, not #PF, so an
 * exception table that only expects page faults misses it.
 *
 * Broken hypervisor: #GP in ring 0 (panic, status 3), or a rounded or
 * truncated rsp that lands in guest or hypervisor memory.
 */
#include <xt.h>

const char test_title[] = "a fault with a non-canonical rsp crashes the domain (expected crash)";

#define BAD_RSP	SHALE_ULL(0x0000800000001000)

void test_main(void)
{
	struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];

	xt_build_trap_table(table, -1, X86_UD);
	if (!xt_expect_rc(hc_set_trap_table(table), 0, "set_trap_table with the rescue handler"))
		return;
	xt_printf("ud2 with rsp = 0x%llx (non-canonical): the domain must be crashed\n", BAD_RSP);
	asm volatile("mov %0, %%rsp; ud2" : : "r"(BAD_RSP) : "memory");
}
