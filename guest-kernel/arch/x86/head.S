/* SPDX-License-Identifier: MIT */
/* Guest kernel entry point: move to the kernel's own stack and enter C. */

/*
 * Entered once, on vCPU 0, by the domain builder (the hypervisor for dom0,
 * the toolstack for other domains) at the ELF entry point, in 64-bit ring 3
 * with rsi = virtual address of struct shale_start_info, rsp = top of the
 * boot stack in the bootstrap area, rflags.IF = 1 and the other general
 * registers zero (include/public/start_info.h).
 *
 * The boot stack is only SHALE_BOOT_STACK_PAGES pages in memory the kernel
 * may want to reuse later, so we switch to a stack inside our own .bss,
 * clear rbp so frame-pointer backtraces stop here, and call
 * start_kernel(si) (kernel.c), which never returns.
 */

#define STACK_SIZE	16384

	.section .text.head, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	/* The stack top is 16-byte aligned, so rsp is aligned at the call as the ABI wants. */
	leaq	stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	movq	%rsi, %rdi
	call	start_kernel

	/* Not reached. If it were, a fault makes the hypervisor crash the domain. */
1:	ud2
	jmp	1b
	.size _start, . - _start

	.section .bss.stack, "aw", @nobits
	.balign 4096
	.globl guest_stack
guest_stack:
	.skip STACK_SIZE
stack_top:
	.size guest_stack, STACK_SIZE

	.section .note.GNU-stack, "", @progbits
