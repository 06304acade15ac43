/* SPDX-License-Identifier: MIT */
/*
 * First instructions of the hypervisor.
 *
 * Entered from a Multiboot loader in 32-bit protected mode, paging off,
 * with eax = the loader's magic and ebx = the physical address of its
 * information structure (Multiboot1 from QEMU -kernel, Multiboot2 from
 * GRUB). Builds boot page tables, enters long mode, moves to the image's
 * high mapping and calls start_hypervisor(magic, info_phys). Never returns.
 *
 * Boot page tables: the first 4 GiB mapped with 2 MiB pages twice, at 0
 * (identity, needed only until we run at high addresses) and at the direct
 * map; the first 1 GiB mapped again, through a PD of its own, at
 * KERNEL_VBASE for the image.
 */
#include <arch/layout.h>
#include <arch/x86.h>

#define PHYS(sym)	((sym) - KERNEL_VBASE)
#define PTE_P		0x1
#define PTE_RW		0x2
#define PTE_PS		0x80

#define MB1_MAGIC	0x1badb002
#define MB1_FLAGS	0x00010003	/* align modules, memory map, address fields */
#define MB2_MAGIC	0xe85250d6

	.section .multiboot, "a"
	.balign 8
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long PHYS(mb1_header)		/* header_addr */
	.long PHYS(_image_start)	/* load_addr */
	.long PHYS(_edata)		/* load_end_addr */
	.long PHYS(_end)		/* bss_end_addr */
	.long PHYS(start32)		/* entry_addr */

	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long 0				/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + (mb2_header_end - mb2_header))
	/* entry address tag */
	.balign 8
	.word 3, 0
	.long 12
	.long PHYS(start32)
	/* end tag */
	.balign 8
	.word 0, 0
	.long 8
mb2_header_end:

	.section .text.boot, "ax"
	.code32
	.globl start32
start32:
	cli
	cld
	movl $PHYS(boot_stack_top), %esp
	movl %eax, %ebp			/* the loader's magic; ebx (info) stays untouched */

	/* PML4[0] and PML4[DIRECTMAP] -> the identity PDPT; PML4[511] -> high PDPT. */
	movl $PHYS(boot_pdpt_ident) + (PTE_P | PTE_RW), %eax
	movl %eax, PHYS(boot_pml4)
	movl %eax, PHYS(boot_pml4) + DIRECTMAP_L4_SLOT * 8
	movl $PHYS(boot_pdpt_high) + (PTE_P | PTE_RW), %eax
	movl %eax, PHYS(boot_pml4) + 511 * 8

	/* The identity PDPT points at four PDs; the high PDPT's slot 510 at the first. */
	movl $PHYS(boot_pd) + (PTE_P | PTE_RW), %eax
	xorl %ecx, %ecx
1:	movl %eax, PHYS(boot_pdpt_ident)(, %ecx, 8)
	addl $4096, %eax
	incl %ecx
	cmpl $BOOT_IDENT_GIB, %ecx
	jne 1b
	movl $PHYS(boot_pd_image) + (PTE_P | PTE_RW), %eax
	movl %eax, PHYS(boot_pdpt_high) + 510 * 8

	/* 2048 large-page entries: physical 0 to 4 GiB. */
	xorl %ecx, %ecx
2:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_RW | PTE_PS), %eax
	movl %eax, PHYS(boot_pd)(, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax			/* high half of the address: ecx >> 11 */
	movl %eax, PHYS(boot_pd) + 4(, %ecx, 8)
	incl %ecx
	cmpl $(512 * BOOT_IDENT_GIB), %ecx
	jne 2b

	/* The image's own PD: the first 1 GiB again, kept apart so the direct map can be NX. */
	movl $PHYS(boot_pd), %esi
	movl $PHYS(boot_pd_image), %edi
	movl $1024, %ecx
	rep movsl
	movl %ebp, %edi			/* magic: first C argument */
	movl %ebx, %esi			/* info: second C argument */

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE | EFER_SCE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0

	lgdt PHYS(boot_gdt_desc)
	ljmp $HV_CS, $PHYS(start64_low)

	.code64
start64_low:
	movabsq $start64_high, %rax
	jmp *%rax

	.text
start64_high:
	movl $HV_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movabsq $boot_stack_top, %rsp
	movl %edi, %edi			/* upper halves are undefined after the switch */
	movl %esi, %esi
	xorl %ebp, %ebp			/* ends backtraces */
	call start_hypervisor
3:	hlt
	jmp 3b

	.section .rodata
	.balign 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* HV_CS: 64-bit code */
	.quad 0x00cf92000000ffff	/* HV_DS: data */
boot_gdt_end:
boot_gdt_desc:
	.word boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .bss.page_aligned, "aw", @nobits
	.balign 4096
	.globl boot_pml4
boot_pml4:
	.skip 4096
boot_pdpt_ident:
	.skip 4096
boot_pdpt_high:
	.skip 4096
boot_pd_image:
	.skip 4096
	.globl boot_pd
boot_pd:
	.skip 4096 * BOOT_IDENT_GIB
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip STACK_SIZE
boot_stack_top:
