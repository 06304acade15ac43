/* SPDX-License-Identifier: MIT */
/*
 * Fake <arch/cpu.h> for the host unit tests: shadows
 * hypervisor/arch/x86/include/arch/cpu.h, whose this_cpu() reads %gs and
 * whose write_cr3() is privileged. One CPU, a plain variable; only the
 * fields common code under test uses.
 */
#ifndef SHALE_ARCH_X86_CPU_H
#define SHALE_ARCH_X86_CPU_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

#define EXIT_WORK_TLB_FLUSH	0x01	/* as in the real header */
#define EXIT_WORK_RESCHEDULE	0x02

struct percpu {
	struct vcpu *current;
	uint8_t exit_work;	/* EXIT_WORK_* */
};

extern struct percpu percpu0;

static inline struct percpu *this_cpu(void)
{
	return &percpu0;
}

static inline void raise_exit_work(uint8_t bits)
{
	percpu0.exit_work |= bits;
}

/* Records v in fake_cr3 and counts the call in fake_cr3_writes. */
void write_cr3(uint64_t v);

#endif /* SHALE_ARCH_X86_CPU_H */
