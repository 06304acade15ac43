/* SPDX-License-Identifier: MIT */
/*
 * Exceptions and interrupts, after entry.S saved the registers.
 *
 * A fault in the hypervisor is either expected (a guest-memory access
 * listed in the exception table: resume at its fixup) or fatal (panic with
 * registers and a backtrace). A fault in a guest belongs to that guest and
 * must never hurt the hypervisor or another domain.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/extable.h>
#include <arch/traps.h>
#include <arch/x86.h>
#include "domain.h"
#include "machine.h"
#include "printk.h"
#include "symbols.h"

static const char *const exception_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved (15)", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization", "#CP control protection",
};

const char *exception_name(unsigned long vector)
{
	if (vector < 32 && exception_names[vector])
		return exception_names[vector];
	return "reserved exception";
}

extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

uint64_t extable_find(uint64_t rip)
{
	for (const struct extable_entry *e = __start_ex_table; e < __stop_ex_table; e++)
		if (e->fault_rip == rip)
			return e->fixup_rip;
	return 0;
}

static void print_symbol(const char *prefix, uint64_t addr)
{
	uint64_t off;
	const char *name = symbol_lookup(addr, &off);

	if (name)
		printk(LOG_ERR, "%s%016lx <%s+0x%lx>\n", prefix, addr, name, off);
	else
		printk(LOG_ERR, "%s%016lx\n", prefix, addr);
}

static bool on_hypervisor_stack(uint64_t addr)
{
	uint64_t top = this_cpu()->stack_top;

	return addr >= top - STACK_SIZE && addr + 16 <= top && !(addr & 7);
}

static void backtrace(uint64_t rip, uint64_t rbp)
{
	pr_err("Backtrace:\n");
	print_symbol("  ", rip);
	for (int depth = 0; depth < 32 && rbp && on_hypervisor_stack(rbp); depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;

		if (frame[1] < KERNEL_VBASE)
			break;
		print_symbol("  ", frame[1]);
		rbp = frame[0];
	}
}

void dump_registers(const struct cpu_user_regs *r)
{
	pr_err("----[ CPU %u registers ]----\n", this_cpu()->cpu_id);
	print_symbol("RIP: ", r->rip);
	pr_err("CS: %04lx RFLAGS: %016lx vector %lu error %lx\n", r->cs, r->rflags,
	       r->vector, r->error_code);
	pr_err("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
	pr_err("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
	pr_err("RBP: %016lx RSP: %016lx R8:  %016lx\n", r->rbp, r->rsp, r->r8);
	pr_err("R9:  %016lx R10: %016lx R11: %016lx\n", r->r9, r->r10, r->r11);
	pr_err("R12: %016lx R13: %016lx R14: %016lx\n", r->r12, r->r13, r->r14);
	pr_err("R15: %016lx CR2: %016lx CR3: %016lx\n", r->r15, read_cr2(), read_cr3());
}

static __noreturn void fatal_trap(const struct cpu_user_regs *regs)
{
	pr_err("PANIC: %s in the hypervisor\n", exception_name(regs->vector));
	dump_registers(regs);
	backtrace(regs->rip, regs->rbp);
	pr_err("machine stopped (exit code %d)\n", EXIT_PANIC);
	machine_fail(EXIT_PANIC);
}

static void hypervisor_exception(struct cpu_user_regs *regs)
{
	uint64_t fixup;

	if (regs->vector == VEC_PF || regs->vector == VEC_GP) {
		fixup = extable_find(regs->rip);
		if (fixup) {
			regs->rip = fixup;
			return;
		}
	}
	fatal_trap(regs);
}

void do_trap(struct cpu_user_regs *regs)
{
	if (regs->vector == VEC_TIMER) {
		apic_timer_interrupt();
		return;
	}
	if (regs->vector == VEC_SPURIOUS)
		return;
	if (regs->vector >= 32) {
		pr_warn("unexpected interrupt, vector %lu\n", regs->vector);
		apic_eoi();
		return;
	}
	if (regs->vector == VEC_NMI || regs->vector == VEC_MC || regs->vector == VEC_DF)
		fatal_trap(regs);
	if (regs_from_guest(regs))
		bounce_exception(regs, regs->vector == VEC_PF ? read_cr2() : 0);
	else
		hypervisor_exception(regs);
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	uint64_t rbp;

	local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("PANIC: %s\n", msg);
	asm volatile("movq %%rbp, %0" : "=r"(rbp));
	backtrace((uint64_t)__builtin_return_address(0), *(uint64_t *)rbp);
	pr_err("machine stopped (exit code %d)\n", EXIT_PANIC);
	machine_fail(EXIT_PANIC);
}
