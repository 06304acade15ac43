/* SPDX-License-Identifier: MIT */
/*
 * Every way into and out of the hypervisor once it runs guests.
 *
 * syscall_entry: a guest executed `syscall` (a hypercall). The CPU left
 *   rcx = guest rip, r11 = guest rflags, rsp = guest rsp, interrupts off
 *   (SFMASK). We switch to this CPU's stack, build a struct cpu_user_regs
 *   with vector VEC_HYPERCALL, call hypercall_table[rax](regs->args) (the
 *   table of common/hypercall.c) and leave through return_to_guest.
 * exception and interrupt stubs: the CPU pushed its frame (on the TSS rsp0
 *   stack when the guest was interrupted, on the IST stack for #DF, NMI and
 *   #MC, in place when the hypervisor was). The stub pushes the error code
 *   (0 if the CPU did not) and the vector; exception_common saves the rest,
 *   calls do_trap(regs), then returns to whichever context it interrupted.
 * return_to_guest: leaves to the guest described by the frame at the top of
 *   the stack: sysretq for hypercall frames whose rip is canonical (fast,
 *   rcx and r11 are clobbered by contract), iretq for everything else.
 *
 * %gs holds the per-CPU area while in the hypervisor; swapgs on every
 * crossing from or to ring 3.
 */
#include <arch/x86.h>
#include <asm-offsets.h>
#include <public/errno.h>
#include <public/shale.h>

#define USER_RFLAGS_CLEAR	(X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_VM | \
				 X86_EFLAGS_VIF | X86_EFLAGS_VIP | X86_EFLAGS_RF)

.macro SAVE_GPRS
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rax
	pushq %rcx
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro RESTORE_GPRS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %rcx
	popq %rax
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
.endm

	.text
	.globl syscall_entry
	.type syscall_entry, @function
syscall_entry:
	swapgs
	movq %rsp, %gs:PERCPU_guest_rsp
	movq %gs:PERCPU_stack_top, %rsp
	pushq $(GUEST_DS | 3)
	pushq %gs:PERCPU_guest_rsp
	pushq %r11
	pushq $(GUEST_CS64 | 3)
	pushq %rcx
	pushq $0
	pushq $VEC_HYPERCALL
	SAVE_GPRS
	xorl %ebp, %ebp			/* backtraces stop at the guest boundary */
	/* Dispatch here rather than in C: one call fewer on the hottest path. */
	cmpq $SHALE_NR_HYPERCALLS, %rax
	jae .Lno_hypercall
	movq hypercall_table(, %rax, 8), %rax
	testq %rax, %rax
	jz .Lno_hypercall
	leaq UREGS_args(%rsp), %rdi
	call *%rax
.Lhypercall_done:
	movq %rax, UREGS_rax(%rsp)
	/* fall through */

	.globl return_to_guest
	.type return_to_guest, @function
return_to_guest:
	cli
	cmpb $0, %gs:PERCPU_exit_work
	jne .Lexit_work
	/* An upcall is due when pending is 1 and the mask 0: one 16-bit compare. */
	movq %gs:PERCPU_vcpu_info, %rax
	cmpw $1, (%rax)
	je .Lexit_work
.Lexit_work_done:
	cmpq $VEC_HYPERCALL, UREGS_vector(%rsp)
	jne .Liret_path
	movq UREGS_rip(%rsp), %rcx
	movq %rcx, %r11
	shlq $16, %r11
	sarq $16, %r11
	cmpq %rcx, %r11			/* sysret to a non-canonical rip faults in ring 0 */
	jne .Liret_path
	RESTORE_GPRS
	movq 16(%rsp), %rcx		/* rip */
	movq 32(%rsp), %r11		/* rflags */
	andq $~USER_RFLAGS_CLEAR, %r11
	orq $(X86_EFLAGS_IF | X86_EFLAGS_MBS), %r11
	movq 40(%rsp), %rsp		/* guest rsp: nothing below may touch the stack */
	swapgs
	sysretq
.Lexit_work:
	movq %rsp, %rdi
	call prepare_return_to_guest	/* returns with interrupts off */
	jmp .Lexit_work_done
.Liret_path:
	andq $~USER_RFLAGS_CLEAR, UREGS_rflags(%rsp)
	orq $(X86_EFLAGS_IF | X86_EFLAGS_MBS), UREGS_rflags(%rsp)
	RESTORE_GPRS
	addq $16, %rsp			/* vector, error code */
	swapgs
	iretq

.Lno_hypercall:
	movq $-SHALE_ENOSYS, %rax
	jmp .Lhypercall_done

	.type exception_common, @function
exception_common:
	testb $3, 24(%rsp)		/* cs: 16(vector, error) + 8(rip) */
	jz 1f
	swapgs
1:	cld
	SAVE_GPRS
	movq %rsp, %rdi
	testb $3, UREGS_cs(%rsp)
	jz 2f
	xorl %ebp, %ebp			/* guest rbp means nothing to a backtrace */
2:	call do_trap
	testb $3, UREGS_cs(%rsp)
	jnz return_to_guest
	RESTORE_GPRS
	addq $16, %rsp
	iretq

/* Stubs: one per vector, pushing a zero error code where the CPU does not. */
.macro STUB vec
	.balign 16
stub_\vec:
	.if (\vec == 8 || \vec == 10 || \vec == 11 || \vec == 12 || \vec == 13 || \
	     \vec == 14 || \vec == 17 || \vec == 21 || \vec == 29 || \vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp exception_common
.endm

	.balign 16
	.globl trap_stubs_start
trap_stubs_start:
.altmacro
.set vec, 0
.rept 256
	STUB %vec
	.set vec, vec + 1
.endr

	.section .rodata
	.balign 8
	.globl trap_stub_table
trap_stub_table:
.macro STUB_ADDR vec
	.quad stub_\vec
.endm
.set vec, 0
.rept 256
	STUB_ADDR %vec
	.set vec, vec + 1
.endr

/*
 * enter_guest(const struct cpu_user_regs *regs): start running a vCPU
 * whose saved registers are at regs (not on this stack). Abandons the
 * current hypervisor stack, places the frame at its top and exits.
 */
	.text
	.globl enter_guest
	.type enter_guest, @function
enter_guest:
	movq %rdi, %rsi
	movq %gs:PERCPU_stack_top, %rdi
	subq $UREGS_size, %rdi
	movq %rdi, %rsp
	movl $(UREGS_size / 8), %ecx
	rep movsq
	jmp return_to_guest
