/* SPDX-License-Identifier: MIT */
/*
 * The register frame every entry from a guest (syscall, exception,
 * interrupt) leaves at the top of the CPU's hypervisor stack, and the frame
 * the exit path returns from. Field order is the push order in entry.S.
 */
#ifndef SHALE_ARCH_X86_REGS_H
#define SHALE_ARCH_X86_REGS_H

#include <stdint.h>

struct cpu_user_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t vector;	/* VEC_*; VEC_HYPERCALL for syscall entries */
	uint64_t error_code;	/* pushed by the CPU, or 0 */
	uint64_t rip, cs, rflags, rsp, ss;	/* the hardware frame */
};

static inline int regs_from_guest(const struct cpu_user_regs *r)
{
	return (r->cs & 3) == 3;
}

#endif /* SHALE_ARCH_X86_REGS_H */
