/* SPDX-License-Identifier: MIT */
/*
 * The register frame every entry from a guest (syscall, exception,
 * interrupt) leaves at the top of the CPU's hypervisor stack, and the frame
 * the exit path returns from. Field order is the push order in entry.S;
 * the six hypercall argument registers are adjacent and in ABI order so
 * the dispatcher can hand them over as an array.
 */
#ifndef SHALE_ARCH_X86_REGS_H
#define SHALE_ARCH_X86_REGS_H

#include <stdint.h>

struct cpu_user_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, rcx, rax;
	union {
		struct {
			uint64_t rdi, rsi, rdx, r10, r8, r9;
		};
		uint64_t args[6];	/* the same registers as hypercall arguments */
	};
	uint64_t vector;	/* VEC_*; VEC_HYPERCALL for syscall entries */
	uint64_t error_code;	/* pushed by the CPU, or 0 */
	uint64_t rip, cs, rflags, rsp, ss;	/* the hardware frame */
};

static inline int regs_from_guest(const struct cpu_user_regs *r)
{
	return (r->cs & 3) == 3;
}

#endif /* SHALE_ARCH_X86_REGS_H */
