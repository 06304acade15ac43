/* SPDX-License-Identifier: MIT */
/*
 * Descriptor tables: the GDT (with the ring-3 selectors in sysret's order
 * and the TSS), the TSS (stack for entries from ring 3, IST stacks for #DF,
 * NMI and #MC, no I/O bitmap yet) and the IDT pointing at entry.S's stubs.
 */
#include <arch/cpu.h>
#include <arch/x86.h>
#include <string.h>
#include "types.h"

#define IST_DF	1
#define IST_NMI	2
#define IST_MC	3

struct idt_entry {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t zero;
} __packed;

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

static uint64_t gdt[GDT_ENTRIES] __aligned(16) = {
	[HV_CS >> 3] = 0x00af9a000000ffffULL,		/* ring 0, 64-bit code */
	[HV_DS >> 3] = 0x00cf92000000ffffULL,		/* ring 0 data */
	[GUEST_CS32 >> 3] = 0x00cffa000000ffffULL,	/* ring 3, 32-bit code (unused) */
	[GUEST_DS >> 3] = 0x00cff2000000ffffULL,	/* ring 3 data */
	[GUEST_CS64 >> 3] = 0x00affa000000ffffULL,	/* ring 3, 64-bit code */
};

static struct idt_entry idt[256] __aligned(16);
static uint8_t ist_stacks[3][IST_STACK_SIZE] __aligned(16);

extern const uint64_t trap_stub_table[256];

static void set_tss_descriptor(struct tss *tss)
{
	uint64_t base = (uint64_t)tss, limit = sizeof(*tss) - 1;

	gdt[TSS_SEL >> 3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			    (0x89ULL << 40) |		/* present, 64-bit available TSS */
			    (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[(TSS_SEL >> 3) + 1] = base >> 32;
}

static void set_gate(unsigned vec, uint8_t ist, uint8_t dpl)
{
	uint64_t addr = trap_stub_table[vec];
	struct idt_entry *e = &idt[vec];

	e->offset_low = addr & 0xffff;
	e->selector = HV_CS;
	e->ist = ist;
	e->type_attr = 0x8e | (dpl << 5);	/* present, 64-bit interrupt gate */
	e->offset_mid = (addr >> 16) & 0xffff;
	e->offset_high = addr >> 32;
	e->zero = 0;
}

static void idt_init(void)
{
	for (unsigned vec = 0; vec < 256; vec++)
		set_gate(vec, 0, 0);
	/* int3 and into raise #BP and #OF for the guest, not #GP. */
	set_gate(VEC_BP, 0, 3);
	set_gate(VEC_OF, 0, 3);
	/* Stacks we trust even when the current one is broken. */
	set_gate(VEC_DF, IST_DF, 0);
	set_gate(VEC_NMI, IST_NMI, 0);
	set_gate(VEC_MC, IST_MC, 0);
}

void desc_init(struct percpu *pc);
void desc_init(struct percpu *pc)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };

	memset(&pc->tss, 0, sizeof(pc->tss));
	pc->tss.rsp0 = pc->stack_top;
	pc->tss.ist[IST_DF - 1] = (uint64_t)ist_stacks[0] + IST_STACK_SIZE;
	pc->tss.ist[IST_NMI - 1] = (uint64_t)ist_stacks[1] + IST_STACK_SIZE;
	pc->tss.ist[IST_MC - 1] = (uint64_t)ist_stacks[2] + IST_STACK_SIZE;
	pc->tss.iomap_base = sizeof(struct tss);	/* no bitmap: every port faults */
	set_tss_descriptor(&pc->tss);
	idt_init();

	asm volatile("lgdt %0" : : "m"(gdtr));
	asm volatile("pushq %0; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
		     : : "i"(HV_CS) : "rax", "memory");
	asm volatile("movl %0, %%ds; movl %0, %%es; movl %0, %%ss" : : "r"(HV_DS));
	asm volatile("ltr %w0" : : "r"(TSS_SEL));
	asm volatile("lidt %0" : : "m"(idtr));
}
