/* SPDX-License-Identifier: MIT */
/* Entry from the hypervisor: exception stubs, the event upcall, the failsafe callback. */

/*
 * Exceptions and event upcalls are both entered by the hypervisor's bounce
 * (include/public/traps.h), in ring 3 on the stack the guest was running
 * on, with rsp pointing at a struct shale_bounce_frame (16-byte aligned;
 * error_code first, 0 for vectors without one and for upcalls). Every
 * other register still holds the interrupted code's value. An upcall (and
 * nothing else here) starts with event upcalls masked; the mask the
 * interrupted code had travels in the frame's cs and comes back with iret.
 *
 * An exception stub pushes its vector, an upcall pushes UPCALL_VECTOR;
 * SAVE_REGS then pushes the general registers so the stack holds a struct
 * trap_regs (include/traps.h: the push order here is its layout), and the
 * C side runs on a 16-byte aligned stack: do_exception(regs, vector)
 * (traps.c) or do_upcall(regs) (events.c). If that returns, IRET_TO_FRAME
 * restores the registers and the iret hypercall resumes the interrupted
 * code: it wants rsp at a struct shale_iret_context, i.e. rax, r11, rcx
 * and a zero flags word pushed below the frame once the error code is
 * dropped. If iret refuses the context it returns, and trap_iret_failed()
 * crashes the domain.
 *
 * The failsafe callback is where the hypervisor would send us when it
 * cannot resume a saved context; events_failsafe() reports and crashes.
 */

#include <public/shale.h>

/* Not a CPU vector: marks an upcall's struct trap_regs. */
#define UPCALL_VECTOR	256

	.section .text, "ax", @progbits

	.macro SAVE_REGS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.endm

	.macro IRET_TO_FRAME
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax

	addq	$16, %rsp		/* the vector and the error code */
	pushq	$0			/* shale_iret_context.flags */
	pushq	%rcx
	pushq	%r11
	pushq	%rax
	movl	$SHALE_HYPERCALL_iret, %eax
	syscall

	/* Only a refused context gets here; rax holds the error. */
	movq	%rax, %rdi
	andq	$-16, %rsp
	call	trap_iret_failed
1:	ud2
	jmp	1b
	.endm

	.macro STUB vector
	.balign 16
exception_stub_\vector:
	pushq	$\vector
	jmp	exception_common
	.endm

	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	STUB \v
	.endr
	.irp v, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	STUB \v
	.endr

	.balign 16
	.type exception_common, @function
exception_common:
	SAVE_REGS
	/* 15 registers + the vector = 128 bytes: rsp is still 16-byte aligned. */
	movq	%rsp, %rdi
	movq	15*8(%rsp), %rsi	/* the vector */
	cld				/* the C ABI wants DF clear; iret restores rflags */
	call	do_exception
	IRET_TO_FRAME
	.size exception_common, . - exception_common

	/* The event callback registered by events_init(). */
	.balign 16
	.globl hypervisor_callback
	.type hypervisor_callback, @function
hypervisor_callback:
	pushq	$UPCALL_VECTOR
	SAVE_REGS
	movq	%rsp, %rdi
	cld
	call	do_upcall
	IRET_TO_FRAME
	.size hypervisor_callback, . - hypervisor_callback

	/* The failsafe callback: no context to return to, so no way back. */
	.balign 16
	.globl failsafe_callback
	.type failsafe_callback, @function
failsafe_callback:
	andq	$-16, %rsp
	call	events_failsafe
1:	ud2
	jmp	1b
	.size failsafe_callback, . - failsafe_callback

	/* Stub addresses by vector, for trap_init(). */
	.section .rodata, "a", @progbits
	.balign 8
	.globl exception_stubs
exception_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.quad	exception_stub_\v
	.endr
	.irp v, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	exception_stub_\v
	.endr
	.size exception_stubs, . - exception_stubs

	.section .note.GNU-stack, "", @progbits
