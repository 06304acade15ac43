/* SPDX-License-Identifier: MIT */
/*
 * The architectural part of a vCPU's context beyond its registers: the
 * address space and the FPU/SSE/AVX state, switched eagerly.
 */
#ifndef SHALE_ARCH_X86_CONTEXT_H
#define SHALE_ARCH_X86_CONTEXT_H

struct vcpu;

/* Enables the FPU for guests (CR0, CR4, XCR0); once per CPU. */
void fpu_init(void);
/* Allocates v's FPU area in the initial state; 0 or -ENOMEM. */
int arch_vcpu_init(struct vcpu *v);
void arch_vcpu_free(struct vcpu *v);
/* Saves what the CPU holds of v (FPU state). */
void arch_vcpu_save(struct vcpu *v);
/* Loads v's address space, FPU state and time info onto this CPU. */
void arch_vcpu_restore(struct vcpu *v);

#endif /* SHALE_ARCH_X86_CONTEXT_H */
