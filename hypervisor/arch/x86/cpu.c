/* SPDX-License-Identifier: MIT */
/*
 * CPU bring-up: features, per-CPU area, descriptor tables, the syscall MSRs
 * and the protections (SMEP, SMAP, NX, WP) the isolation model relies on.
 */
#include <arch/cpu.h>
#include <arch/x86.h>
#include <string.h>
#include "printk.h"

struct cpu_features cpu_features;
struct percpu percpu0;
/* Read by the guest-copy routines: stac/clac are only valid with SMAP. */
uint8_t cpu_smap_enabled;

extern char boot_stack_top[];
extern char syscall_entry[];
void desc_init(struct percpu *pc);

void cpu_probe_features(void)
{
	uint32_t a, b, c, d, max, maxext;

	cpuid(0, 0, &max, &b, &c, &d);
	memcpy(cpu_features.vendor, &b, 4);
	memcpy(cpu_features.vendor + 4, &d, 4);
	memcpy(cpu_features.vendor + 8, &c, 4);
	cpuid(1, 0, &a, &b, &c, &d);
	cpu_features.tsc_deadline = c & (1u << 24);
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_features.smep = b & (1u << 7);
		cpu_features.smap = b & (1u << 20);
	}
	cpuid(0x80000000, 0, &maxext, &b, &c, &d);
	if (maxext >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		cpu_features.nx = d & (1u << 20);
		cpu_features.pdpe1gb = d & (1u << 26);
	}
	if (maxext >= 0x80000004) {
		uint32_t *brand = (uint32_t *)cpu_features.brand;

		for (uint32_t leaf = 0; leaf < 3; leaf++)
			cpuid(0x80000002 + leaf, 0, &brand[leaf * 4], &brand[leaf * 4 + 1],
			      &brand[leaf * 4 + 2], &brand[leaf * 4 + 3]);
	}
	if (maxext >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		cpu_features.invariant_tsc = d & (1u << 8);
	}
}

static void syscall_init(void)
{
	/* sysret: CS = base + 16, SS = base + 8 (ring 3); syscall: CS = HV_CS. */
	wrmsr(MSR_STAR, ((uint64_t)(GUEST_CS32 | 3) << 48) | ((uint64_t)HV_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_CSTAR, 0);
	/* Enter with interrupts off, a clean direction flag and no trap/alignment flags. */
	wrmsr(MSR_SFMASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC |
			  X86_EFLAGS_NT | X86_EFLAGS_IOPL);
}

static void protections_init(void)
{
	uint64_t cr4 = read_cr4() | CR4_PGE;

	if (cpu_features.smep)
		cr4 |= CR4_SMEP;
	if (cpu_features.smap) {
		cr4 |= CR4_SMAP;
		cpu_smap_enabled = 1;
	}
	write_cr4(cr4);
}

void cpu_init(void)
{
	struct percpu *pc = &percpu0;

	pc->self = pc;
	pc->stack_top = (uint64_t)boot_stack_top;
	pc->cpu_id = 0;
	wrmsr(MSR_GS_BASE, (uint64_t)pc);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	desc_init(pc);
	syscall_init();
	protections_init();
	pr_info("cpu0: %s %s; smep %s, smap %s, nx %s\n", cpu_features.vendor,
		cpu_features.brand, cpu_features.smep ? "on" : "absent",
		cpu_features.smap ? "on" : "absent", cpu_features.nx ? "on" : "absent");
}
