/* SPDX-License-Identifier: MIT */
/* Per-CPU state and the instructions C needs to reach the CPU. */
#ifndef SHALE_ARCH_X86_CPU_H
#define SHALE_ARCH_X86_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/layout.h>
#include <arch/regs.h>

struct vcpu;
struct shale_vcpu_info;

/* Work to do before the next return to a guest (percpu.exit_work bits). */
#define EXIT_WORK_TLB_FLUSH	0x01	/* a frame changed type */
#define EXIT_WORK_RESCHEDULE	0x02	/* another vCPU should run */

struct tss {
	uint32_t reserved0;
	uint64_t rsp0, rsp1, rsp2;
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed, aligned(16)));

/* Reached through %gs while in the hypervisor; entry.S uses its offsets. */
struct percpu {
	struct percpu *self;
	uint64_t stack_top;	/* guest frame lies just below */
	uint64_t guest_rsp;	/* scratch for syscall entry */
	struct vcpu *current;
	struct shale_vcpu_info *vcpu_info;	/* current's; entry.S checks its upcall flags */
	uint8_t exit_work;	/* EXIT_WORK_* */
	bool in_multicall;	/* hypercalls cannot create continuations */
	bool idle;		/* no vCPU is running: current is only the last one */
	unsigned int cpu_id;
	struct tss tss;
};

static inline void raise_exit_work(uint8_t bits);

extern struct percpu percpu0;

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	asm volatile("movq %%gs:0, %0" : "=r"(p));
	return p;
}

static inline void raise_exit_work(uint8_t bits)
{
	this_cpu()->exit_work |= bits;
}

/* The frame of the guest that entered this CPU most recently. */
static inline struct cpu_user_regs *guest_regs(void)
{
	return (struct cpu_user_regs *)(this_cpu()->stack_top) - 1;
}

struct cpu_features {
	bool smep, smap, pdpe1gb, nx, tsc_deadline, invariant_tsc;
	char vendor[13];
	char brand[49];
};
extern struct cpu_features cpu_features;

void cpu_init(void);
void cpu_probe_features(void);

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c,
			 uint32_t *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;

	asm volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;

	asm volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint64_t v)
{
	asm volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;

	asm volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint64_t v)
{
	asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void local_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

/* Lets pending interrupts in: sti holds them off for one instruction, so a nop follows. */
static inline void irq_window(void)
{
	asm volatile("sti; nop; cli" : : : "memory");
}

/* Enables interrupts and waits for one, with no window between the two. */
static inline void safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static inline void invlpg(uint64_t va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

#endif /* SHALE_ARCH_X86_CPU_H */
