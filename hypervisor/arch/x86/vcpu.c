/* SPDX-License-Identifier: MIT */
/* Starting a vCPU on this CPU: address space, kernel stack, registers. */
#include <arch/cpu.h>
#include <arch/page.h>
#include "domain.h"

__noreturn void enter_guest(const struct cpu_user_regs *regs);

void vcpu_start(struct vcpu *v)
{
	struct percpu *pc = this_cpu();

	pc->current = v;
	pc->tss.rsp0 = pc->stack_top;
	write_cr3(v->cr3_mfn << PAGE_SHIFT);
	enter_guest(&v->regs);
}

/* Called with interrupts off just before every exit to a guest. */
void prepare_return_to_guest(struct cpu_user_regs *regs);
void prepare_return_to_guest(struct cpu_user_regs *regs)
{
	struct percpu *pc = this_cpu();

	if (unlikely(pc->tlb_flush_pending)) {
		pc->tlb_flush_pending = false;
		flush_tlb_local();
	}
}
