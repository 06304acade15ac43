/* SPDX-License-Identifier: MIT */
/* Exceptions: register the trap table, report each exception, resume from int3, else crash. */
#include <stddef.h>
#include <console.h>
#include <hypercall.h>
#include <kernel.h>
#include <traps.h>

_Static_assert(offsetof(struct trap_regs, vector) == 15 * 8, "entry.S pushes 15 registers");
_Static_assert(offsetof(struct trap_regs, error_code) == 16 * 8, "bounce frame follows");
_Static_assert(sizeof(struct trap_regs) - offsetof(struct trap_regs, error_code) ==
	       sizeof(struct shale_bounce_frame), "trap_regs ends with the bounce frame");

/* In arch/x86/entry.S: the stub of each vector. */
extern const uint64_t exception_stubs[TRAP_NR_VECTORS];

static const char *const trap_names[TRAP_NR_VECTORS] = {
	[0] = "#DE divide error",	[1] = "#DB debug",
	[2] = "NMI",			[3] = "#BP breakpoint",
	[4] = "#OF overflow",		[5] = "#BR bound range exceeded",
	[6] = "#UD invalid opcode",	[7] = "#NM device not available",
	[8] = "#DF double fault",	[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",	[11] = "#NP segment not present",
	[12] = "#SS stack-segment fault", [13] = "#GP general protection",
	[14] = "#PF page fault",	[16] = "#MF x87 floating-point error",
	[17] = "#AC alignment check",	[18] = "#MC machine check",
	[19] = "#XM SIMD floating-point error", [20] = "#VE virtualization exception",
	[21] = "#CP control protection",
};

/* One more than the vectors, for the terminating entry (address 0). */
static struct shale_trap_info trap_table[TRAP_NR_VECTORS + 1];
static bool installed;
static unsigned long counts[TRAP_NR_VECTORS];
/* Exceptions being handled right now: a second one means the handler itself broke. */
static unsigned int depth;

const char *trap_name(unsigned long vector)
{
	if (vector < TRAP_NR_VECTORS && trap_names[vector])
		return trap_names[vector];
	return "reserved exception";
}

unsigned long trap_count(unsigned long vector)
{
	return vector < TRAP_NR_VECTORS ? counts[vector] : 0;
}

bool traps_installed(void)
{
	return installed;
}

void trap_init(void)
{
	unsigned int v;
	long rc;

	if (cmdline_has("notraps")) {
		printk("guest: notraps: no trap table, the hypervisor handles every exception\n");
		return;
	}
	for (v = 0; v < TRAP_NR_VECTORS; v++) {
		trap_table[v].vector = v;
		trap_table[v].address = exception_stubs[v];
	}
	rc = HYPERVISOR_set_trap_table(trap_table);
	if (rc < 0) {
		printk("guest: set_trap_table failed (error %ld)\n", rc);
		guest_crash("cannot register the trap table");
	}
	installed = true;
}

static void print_registers(const struct trap_regs *r)
{
	printk("  rax %016llx rbx %016llx rcx %016llx\n", (unsigned long long)r->rax,
	       (unsigned long long)r->rbx, (unsigned long long)r->rcx);
	printk("  rdx %016llx rsi %016llx rdi %016llx\n", (unsigned long long)r->rdx,
	       (unsigned long long)r->rsi, (unsigned long long)r->rdi);
	printk("  rbp %016llx rsp %016llx r8  %016llx\n", (unsigned long long)r->rbp,
	       (unsigned long long)r->rsp, (unsigned long long)r->r8);
	printk("  r9  %016llx r10 %016llx r11 %016llx\n", (unsigned long long)r->r9,
	       (unsigned long long)r->r10, (unsigned long long)r->r11);
	printk("  r12 %016llx r13 %016llx r14 %016llx\n", (unsigned long long)r->r12,
	       (unsigned long long)r->r13, (unsigned long long)r->r14);
	printk("  r15 %016llx rflags %016llx\n", (unsigned long long)r->r15,
	       (unsigned long long)r->rflags);
}

static void report(const struct trap_regs *regs, unsigned long vector)
{
	printk("guest: exception %s (vector %lu) at rip %#llx, error code %#llx\n",
	       trap_name(vector), vector, (unsigned long long)regs->rip,
	       (unsigned long long)regs->error_code);
}

static __noreturn void fatal(const struct trap_regs *regs, const char *why)
{
	print_registers(regs);
	guest_crash(why);
}

/* The hypervisor stores the faulting address in vcpu_info before it bounces. */
static __noreturn void page_fault(const struct trap_regs *regs)
{
	uint64_t ec = regs->error_code;
	uint64_t cr2 = shared_info->vcpu_info[0].cr2;

	printk("guest: page fault at address %#llx: %s, %s, %s mode%s\n",
	       (unsigned long long)cr2,
	       ec & PF_INSTR ? "instruction fetch" : ec & PF_WRITE ? "write" : "read",
	       ec & PF_PRESENT ? "protection violation" : "page not present",
	       ec & PF_USER ? "user" : "supervisor",
	       ec & PF_RSVD ? ", reserved bit set" : "");
	fatal(regs, "unhandled page fault");
}

void do_exception(struct trap_regs *regs, unsigned long vector)
{
	if (depth++ > 1) {
		/* Even the report below faulted: stop without printing anything. */
		struct shale_sched_shutdown arg = { .reason = SHALE_SHUTDOWN_crash };

		HYPERVISOR_sched_op(SHALE_SCHEDOP_shutdown, &arg);
	}
	if (depth > 1) {
		console_panic();
		/* Printing may be what faults: keep it to one line, then stop. */
		printk("guest: %s (vector %lu) at rip %#llx while handling an exception\n",
		       trap_name(vector), vector, (unsigned long long)regs->rip);
		guest_crash("exception in an exception handler");
	}
	if (vector < TRAP_NR_VECTORS)
		counts[vector]++;
	/* Every exception but int3 ends the domain: report it on the hypervisor console. */
	if (vector != TRAP_BP)
		console_panic();
	report(regs, vector);
	switch (vector) {
	case TRAP_BP:
		/* int3 is a trap: rip already points past it, so resuming continues. */
		printk("guest: breakpoint: resuming\n");
		break;
	case TRAP_PF:
		page_fault(regs);
	default:
		fatal(regs, "unhandled exception");
	}
	depth--;
}

void trap_iret_failed(long rc)
{
	printk("guest: iret hypercall refused the saved context (error %ld)\n", rc);
	guest_crash("cannot return from an exception");
}
