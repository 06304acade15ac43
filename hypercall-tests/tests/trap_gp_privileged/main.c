/* SPDX-License-Identifier: MIT */
/*
 * trap_gp_privileged: privileged instructions give #GP to the guest.
 *
 * What: cli, sti, hlt, reading cr3, writing cr3, in, out, lgdt, rdmsr,
 * wrmsr, wbinvd, invlpg and reading dr7, executed in our ring 3, are each
 * caught as vector 13 with error code 0 and rip at the instruction; the
 * guest resumes each time, and the hypervisor still answers.
 *
 * Why: DESIGN.md section 4: privileged instructions fault and are bounced;
 * I/O ports are granted through the TSS bitmap, never by IOPL=3. A PV
 * kernel emulates or avoids these (and cli is its most common mistake).
 *
 * Broken hypervisor: one of them runs (IOPL or the I/O bitmap wrong: we
 * then return normally and the test FAILs), the domain is crashed
 * despite the handler, or the vector or rip are wrong.
 */
#include <xt.h>

const char test_title[] = "privileged instructions in the guest raise #GP(0), caught";

#define INSN(name, text)	\
	void name(void *arg);	\
	asm(".text\n" #name ": " text "\n ret\n")

INSN(do_cli, "cli");
INSN(do_sti, "sti");
INSN(do_hlt, "hlt");
INSN(do_read_cr3, "mov %cr3, %rax");
INSN(do_write_cr3, "mov %rax, %cr3");
INSN(do_in, "inb $0x80, %al");
INSN(do_out, "outb %al, $0x80");
INSN(do_lgdt, "lgdt (%rsp)");
INSN(do_rdmsr, "mov $0x1b, %ecx; rdmsr");
INSN(do_wrmsr, "wrmsr");
INSN(do_wbinvd, "wbinvd");
INSN(do_invlpg, "invlpg (%rsp)");
INSN(do_read_dr7, "mov %dr7, %rax");

void test_main(void)
{
	static const struct {
		void (*fn)(void *);
		unsigned int offset;	/* of the faulting instruction from fn */
		const char *what;
	} cases[] = {
		{ do_cli, 0, "cli" }, { do_sti, 0, "sti" }, { do_hlt, 0, "hlt" },
		{ do_read_cr3, 0, "mov %cr3, %rax" }, { do_write_cr3, 0, "mov %rax, %cr3" },
		{ do_in, 0, "inb $0x80" }, { do_out, 0, "outb $0x80" }, { do_lgdt, 0, "lgdt" },
		{ do_rdmsr, 5, "rdmsr" }, { do_wrmsr, 0, "wrmsr" }, { do_wbinvd, 0, "wbinvd" },
		{ do_invlpg, 0, "invlpg" }, { do_read_dr7, 0, "mov %dr7, %rax" },
	};
	char what[80];

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		xt_snprintf(what, sizeof(what), "vector of %s", cases[i].what);
		if (!xt_expect_eq(xt_exec_catch(cases[i].fn, NULL), X86_GP, what))
			continue;
		xt_snprintf(what, sizeof(what), "error code of %s", cases[i].what);
		xt_expect_eq(xt_last_trap.error_code, 0, what);
		xt_snprintf(what, sizeof(what), "rip of %s", cases[i].what);
		xt_expect_eq(xt_last_trap.rip, (uint64_t)cases[i].fn + cases[i].offset, what);
		xt_hypervisor_alive();
	}
	xt_pass();
}
