/* SPDX-License-Identifier: MIT */
/*
 * trap_bp: int3 and int $3 reach the guest as #BP.
 *
 * What: the one-byte int3 (cc) and the two-byte int $3 (cd 03) are caught
 * as vector 3, error code 0, with the frame's rip just after the
 * instruction (#BP is a trap), twice each. The guest then resumes at that
 * rip through iret (a hook leaves the frame as it is) and continues.
 *
 * Why: debuggers and kernel probes in a PV guest rely on int3 reaching the
 * guest's own #BP handler, as in Xen PV (the gate for vector 3 must be
 * usable from the guest's ring).
 *
 * Broken hypervisor: the gate is not reachable from ring 3 (#GP with
 * error code 0x1a instead of #BP), or rip points at the int3 so resuming
 * loops forever (time-out).
 */
#include <xt.h>

const char test_title[] = "int3 raises #BP in the guest, resumable after the instruction";

void do_int3(void *arg);
void do_int_3(void *arg);
asm(".text\n"
    "do_int3: int3\n"
    "do_int3_after: ret\n"
    "do_int_3: .byte 0xcd, 0x03\n"
    "do_int_3_after: ret\n");
extern const char do_int3_after[], do_int_3_after[];

static unsigned int resumed;

static bool resume_bp(struct xt_trap_regs *regs)
{
	if (regs->vector != X86_BP)
		return false;
	resumed++;
	return true;
}

void test_main(void)
{
	const struct {
		void (*fn)(void *);
		uint64_t after;
		const char *what;
	} cases[] = {
		{ do_int3, (uint64_t)do_int3_after, "int3" },
		{ do_int_3, (uint64_t)do_int_3_after, "int $3" },
	};
	char what[64];

	for (unsigned int round = 0; round < 2; round++)
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			long v = xt_exec_catch(cases[i].fn, NULL);

			xt_snprintf(what, sizeof(what), "vector of %s", cases[i].what);
			if (!xt_expect_eq(v, X86_BP, what)) {
				xt_printf("  (error code 0x%lx)\n", xt_last_trap.error_code);
				continue;
			}
			xt_snprintf(what, sizeof(what), "rip of %s (after it)", cases[i].what);
			xt_expect_eq(xt_last_trap.rip, cases[i].after, what);
			xt_expect_eq(xt_last_trap.error_code, 0, "error code");
		}

	xt_set_trap_hook(resume_bp);
	if (xt_status() != XT_FAIL) {
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
			xt_expect_eq(xt_exec_catch(cases[i].fn, NULL), -1,
				     "int3 resumed in place returns normally");
		xt_expect_eq(resumed, ARRAY_SIZE(cases), "#BP seen by the hook");
	}
	xt_set_trap_hook(NULL);
	xt_pass();
}
