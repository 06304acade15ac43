/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's own address space. boot.S mapped the first 4 GiB at the
 * direct map; here we extend the direct map over all RAM, make the local
 * APIC's page uncached, and drop the identity mapping boot needed.
 */
#include <arch/cpu.h>
#include <arch/page.h>
#include <arch/x86.h>
#include <string.h>
#include "frame.h"
#include "printk.h"

#define GIB	(1ULL << 30)

extern uint64_t boot_pd[512 * BOOT_IDENT_GIB];

static uint64_t *directmap_l3(void)
{
	return __va(boot_pml4[DIRECTMAP_L4_SLOT] & PTE_ADDR_MASK);
}

/* Maps [4 GiB, max) at the direct map with 2 MiB pages. */
static void directmap_extend(uint64_t max_ram_addr)
{
	uint64_t *l3 = directmap_l3();

	for (uint64_t gib = BOOT_IDENT_GIB; gib * GIB < max_ram_addr && gib < 512; gib++) {
		mfn_t mfn = frame_alloc(OWNER_HV);
		uint64_t *pd;

		if (mfn == INVALID_MFN)
			panic("out of memory extending the direct map");
		pd = mfn_to_virt(mfn);
		for (unsigned i = 0; i < 512; i++)
			pd[i] = (gib * GIB + ((uint64_t)i << 21)) | _PAGE_PRESENT | _PAGE_RW |
				_PAGE_PSE | (cpu_features.nx ? _PAGE_NX : 0);
		l3[gib] = (mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW;
	}
}

void paging_init(uint64_t max_ram_addr)
{
	uint64_t apic_pa = rdmsr(MSR_APIC_BASE) & 0xfffff000;

	/* Data in the direct map is never executed. */
	for (unsigned i = 0; i < ARRAY_SIZE(boot_pd); i++)
		boot_pd[i] |= cpu_features.nx ? _PAGE_NX : 0;
	if (apic_pa < BOOT_IDENT_GIB * GIB)
		boot_pd[apic_pa >> 21] |= _PAGE_PCD | _PAGE_PWT;
	directmap_extend(max_ram_addr);
	boot_pml4[0] = 0;
	write_cr3(read_cr3());
}

void paging_fill_reserved_slots(uint64_t *l4)
{
	for (unsigned i = SHALE_FIRST_RESERVED_L4_SLOT; i <= SHALE_LAST_RESERVED_L4_SLOT; i++)
		l4[i] = boot_pml4[i];
	l4[SHALE_IMAGE_L4_SLOT] = boot_pml4[SHALE_IMAGE_L4_SLOT];
}
