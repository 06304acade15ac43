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

struct percpu {
	struct vcpu *current;
	bool tlb_flush_pending;	/* flush before the guest runs again */
};

extern struct percpu percpu0;

static inline struct percpu *this_cpu(void)
{
	return &percpu0;
}

/* Records v in fake_cr3 and counts the call in fake_cr3_writes. */
void write_cr3(uint64_t v);

#endif /* SHALE_ARCH_X86_CPU_H */
