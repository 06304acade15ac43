/* SPDX-License-Identifier: MIT */
/* Entry point of every conformance test kernel. */

/*
 * Entered once by the hypervisor's dom0 builder at the ELF entry point in
 * 64-bit ring 3, with rsi = virtual address of struct shale_start_info and
 * rsp = the boot stack (include/public/start_info.h).
 *
 * We move to a stack in our own .bss (the boot stack lies among the pages
 * tests may remap), clear rbp so backtraces stop here, and call
 * test_setup(si) (setup.c: console, trap table, allocator), test_main()
 * (the test) and xt_finish() (report.c: the RESULT line and poweroff),
 * which does not return.
 */

#define STACK_SIZE	32768

	.section .text.head, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	leaq	xt_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	movq	%rsi, %rdi
	call	test_setup
	call	test_main
	call	xt_finish

	/* xt_finish powers off; should the hypervisor return, crash visibly. */
1:	ud2
	jmp	1b
	.size _start, . - _start

	.section .bss.stack, "aw", @nobits
	.balign 4096
	.globl xt_stack
xt_stack:
	.skip STACK_SIZE
	.globl xt_stack_top
xt_stack_top:
	.size xt_stack, STACK_SIZE

	.section .note.GNU-stack, "", @progbits
