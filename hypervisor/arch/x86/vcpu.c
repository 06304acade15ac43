/* SPDX-License-Identifier: MIT */
/* Starting a vCPU on this CPU: address space, kernel stack, registers. */
#include <arch/cpu.h>
#include "domain.h"

__noreturn void enter_guest(const struct cpu_user_regs *regs);

void vcpu_start(struct vcpu *v)
{
	struct percpu *pc = this_cpu();

	pc->current = v;
	pc->tss.rsp0 = pc->stack_top;
	write_cr3(v->cr3);
	enter_guest(&v->regs);
}

/* Called with interrupts off just before every exit to a guest. */
void prepare_return_to_guest(struct cpu_user_regs *regs);
void prepare_return_to_guest(struct cpu_user_regs *regs)
{
}
