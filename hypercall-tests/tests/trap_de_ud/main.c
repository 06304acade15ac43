/* SPDX-License-Identifier: MIT */
/*
 * trap_de_ud: #DE and #UD bounced to the guest's handlers.
 *
 * What: a division by zero, ud2 and the undefined opcode 0f ff (UD0) are
 * each caught with the right vector (0, 6, 6), error code 0, the frame's
 * rip at the faulting instruction, cs and ss the guest selectors, and the
 * guest resumes (through iret) and does it again: each case runs twice.
 *
 * Why: DESIGN.md section 4: guest exceptions are bounced to the trap
 * table. A guest kernel handles its own #DE and #UD (a BUG() uses ud2).
 *
 * Broken hypervisor: crashes the domain although a handler is
 * registered, reports another vector, a rip after the instruction (these
 * are faults, not traps), or cannot resume a second time.
 */
#include <xt.h>

const char test_title[] = "#DE and #UD reach the trap table with vector and rip";

void insn_div0(void *arg);
void insn_ud2(void *arg);
void insn_ud0(void *arg);
asm(".text\n"
    "insn_div0: xor %ecx, %ecx; mov $1, %eax; xor %edx, %edx\n"
    "insn_div0_at: divl %ecx\n ret\n"
    "insn_ud2: ud2\n ret\n"
    "insn_ud0: .byte 0x0f, 0xff, 0xc0\n ret\n");
extern const char insn_div0_at[];

void test_main(void)
{
	const struct {
		void (*fn)(void *);
		uint64_t rip;
		long vector;
		const char *what;
	} cases[] = {
		{ insn_div0, (uint64_t)insn_div0_at, X86_DE, "divide by zero" },
		{ insn_ud2, (uint64_t)insn_ud2, X86_UD, "ud2" },
		{ insn_ud0, (uint64_t)insn_ud0, X86_UD, "ud0 (0f ff)" },
	};
	char what[80];

	for (unsigned int round = 0; round < 2; round++)
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			xt_snprintf(what, sizeof(what), "vector of %s", cases[i].what);
			if (!xt_expect_eq(xt_exec_catch(cases[i].fn, NULL), cases[i].vector, what))
				continue;
			xt_snprintf(what, sizeof(what), "frame rip of %s", cases[i].what);
			xt_expect_eq(xt_last_trap.rip, cases[i].rip, what);
			xt_expect_eq(xt_last_trap.error_code, 0, "error code");
			xt_expect_eq(xt_last_trap.cs & 0xffff, SHALE_GUEST_CS, "frame cs");
			xt_expect_eq(xt_last_trap.ss & 0xffff, SHALE_GUEST_SS, "frame ss");
		}
	xt_expect_eq(xt_last_trap.count, 2 * ARRAY_SIZE(cases), "exceptions bounced");
	xt_pass();
}
