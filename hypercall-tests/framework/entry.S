/* SPDX-License-Identifier: MIT */
/* Exception entry stubs, the event callback, the iret path, xt_exec_catch() and hc_iret_at(). */

/*
 * Who enters: the hypervisor, bouncing exception V to the handler the
 * trap table names (include/public/traps.h). State on entry: ring 3, rsp
 * at a struct shale_bounce_frame (error code first) on the stack that was
 * in use, every register as it was at the fault.
 *
 * The stub for V pushes V and jumps to xt_trap_common, which saves all
 * general registers as a struct xt_trap_regs and calls
 * xt_trap_handle(regs) (traps.c). On its return the (possibly edited)
 * registers are reloaded and the frame is turned into a struct
 * shale_iret_context in place: drop the vector and error code, push
 * flags = 0, rcx, r11, rax, and make the iret hypercall, which resumes at
 * frame.rip. If iret returns, the hypervisor refused our own context:
 * xt_iret_refused(rc) reports it.
 */
#include <public/shale.h>

#define STUB_SIZE	16

	.text
	.balign STUB_SIZE
	.globl xt_trap_stubs
xt_trap_stubs:
	.set vec, 0
	.rept 32
	.balign STUB_SIZE
	pushq	$vec
	jmp	xt_trap_common
	.set vec, vec + 1
	.endr

/*
 * The event callback (set_callbacks; events.c registers it). The
 * hypervisor enters it like an exception handler, with a bounce frame
 * whose error code is 0 and upcalls masked; the same path saves the
 * registers and resumes with iret, which restores the saved mask.
 */
	.globl xt_event_entry
xt_event_entry:
	pushq	$32			/* XT_EVENT_VECTOR (xt/traps.h) */
	jmp	xt_trap_common

xt_trap_common:
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
	movq	%rsp, %rdi
	cld
	call	xt_trap_handle
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
	addq	$16, %rsp		/* vector, error code */
	pushq	$0			/* iret_context.flags */
	pushq	%rcx
	pushq	%r11
	pushq	%rax
	movl	$SHALE_HYPERCALL_iret, %eax
	syscall
	movq	%rax, %rdi
	andq	$-16, %rsp
	call	xt_iret_refused
	ud2

/*
 * The rescue handler: for tests that run on a stack the hypervisor must
 * not write a bounce frame to. Reaching it means it did; we leave that
 * stack before touching memory and report (xt_trap_rescued never returns).
 */
	.globl xt_trap_rescue
xt_trap_rescue:
	movq	%rsp, %rdi
	leaq	rescue_stack_top(%rip), %rsp
	call	xt_trap_rescued
	ud2

/*
 * long xt_exec_catch(void (*fn)(void *), void *arg): saves the callee-saved
 * registers and rsp, arms the catch and calls fn(arg). A caught exception
 * comes back through iret at xt_catch_recover with rsp = xt_catch_rsp and
 * rax = the vector (traps.c sets both); a normal return gives -1.
 */
	.globl xt_exec_catch_asm
xt_exec_catch_asm:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp		/* 16-byte alignment at the call */
	movq	%rsp, xt_catch_rsp(%rip)
	movl	$1, xt_catch_armed(%rip)
	movq	%rdi, %rax
	movq	%rsi, %rdi
	call	*%rax
	movl	$0, xt_catch_armed(%rip)
	movq	$-1, %rax
	.globl xt_catch_recover
xt_catch_recover:
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/*
 * long hc_iret_at(const void *ctx): the iret hypercall with rsp = ctx. The
 * syscall instruction does not touch the stack, so a refused context
 * returns here with our rsp still to restore.
 */
	.globl hc_iret_at
hc_iret_at:
	movq	%rsp, iret_saved_rsp(%rip)
	movq	%rdi, %rsp
	movl	$SHALE_HYPERCALL_iret, %eax
	syscall
	movq	iret_saved_rsp(%rip), %rsp
	ret

	.bss
	.balign 8
iret_saved_rsp:
	.skip 8
	.balign 16
rescue_stack:
	.skip 8192
rescue_stack_top:

	.section .note.GNU-stack, "", @progbits
