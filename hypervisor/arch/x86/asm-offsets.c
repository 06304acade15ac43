/* SPDX-License-Identifier: MIT */
/*
 * Structure offsets for assembly, generated at build time: compiled to
 * assembly, the "->" lines become #defines in asm-offsets.h.
 */
#include <stddef.h>
#include <arch/cpu.h>
#include <arch/regs.h>

#define DEFINE(sym, val) asm volatile("\n->" #sym " %0 " #val : : "i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
	OFFSET(PERCPU_stack_top, percpu, stack_top);
	OFFSET(PERCPU_guest_rsp, percpu, guest_rsp);
	OFFSET(PERCPU_exit_work, percpu, exit_work);
	OFFSET(PERCPU_vcpu_info, percpu, vcpu_info);
	OFFSET(UREGS_vector, cpu_user_regs, vector);
	OFFSET(UREGS_rax, cpu_user_regs, rax);
	OFFSET(UREGS_args, cpu_user_regs, args);
	OFFSET(UREGS_error_code, cpu_user_regs, error_code);
	OFFSET(UREGS_rip, cpu_user_regs, rip);
	OFFSET(UREGS_cs, cpu_user_regs, cs);
	OFFSET(UREGS_rflags, cpu_user_regs, rflags);
	OFFSET(UREGS_rsp, cpu_user_regs, rsp);
	DEFINE(UREGS_size, sizeof(struct cpu_user_regs));
}
