/* SPDX-License-Identifier: MIT */
/* Starting a vCPU on this CPU, and the work done before every return to a guest. */
#include <arch/apic.h>
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/page.h>
#include <arch/traps.h>
#include "domain.h"
#include "schedule.h"

__noreturn void enter_guest(const struct cpu_user_regs *regs);

void vcpu_start(struct vcpu *v)
{
	struct percpu *pc = this_cpu();

	pc->current = v;
	pc->vcpu_info = vcpu_info(v);
	pc->idle = false;
	pc->tss.rsp0 = pc->stack_top;
	v->last_start_ns = now_ns();
	arch_vcpu_restore(v);
	enter_guest(&v->regs);
}

/*
 * Called by entry.S, interrupts off, when exit work is pending or an
 * upcall may be due. Loops until nothing is left: a reschedule can idle
 * with interrupts on, and whatever arrives meanwhile is handled too.
 */
void prepare_return_to_guest(struct cpu_user_regs *regs);
void prepare_return_to_guest(struct cpu_user_regs *regs)
{
	struct percpu *pc = this_cpu();

	for (;;) {
		uint8_t work = pc->exit_work;

		pc->exit_work = 0;
		if (work & EXIT_WORK_RESCHEDULE)
			schedule(regs);
		if (work & EXIT_WORK_TLB_FLUSH)
			flush_tlb_local();
		if (!pc->exit_work)
			deliver_event_upcall(regs);
		if (!pc->exit_work)
			return;
	}
}
