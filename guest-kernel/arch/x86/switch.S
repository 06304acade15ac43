/* SPDX-License-Identifier: MIT */
/* Thread switching: swap the stacks of two cooperative threads; a new thread's first frame. */

/*
 * switch_stacks(uint64_t *save_sp, uint64_t next_sp) is called by
 * schedule() (sched.c), in ring 3 on the running thread's stack with
 * upcalls masked. It pushes the callee-saved registers (the C ABI lets
 * the caller lose every other one), stores rsp in *save_sp, loads next_sp
 * and pops the next thread's registers, then returns into that thread:
 * into its own call of switch_stacks(), or, for a thread that never ran,
 * into thread_entry.
 *
 * thread_entry is that first return address (create_thread() builds the
 * frame in sched.c with the struct thread in r12): it calls
 * thread_start(t) (sched.c), which runs the thread and never returns.
 *
 * No FPU/SSE state to switch: the guest kernel is built without it.
 */

	.section .text, "ax", @progbits

	.globl switch_stacks
	.type switch_stacks, @function
switch_stacks:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size switch_stacks, . - switch_stacks

	.globl thread_entry
	.type thread_entry, @function
thread_entry:
	movq	%r12, %rdi
	call	thread_start
1:	ud2
	jmp	1b
	.size thread_entry, . - thread_entry

	.section .note.GNU-stack, "", @progbits
