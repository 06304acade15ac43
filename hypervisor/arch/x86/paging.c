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

static uint64_t *table_alloc(void)
{
	mfn_t mfn = frame_alloc(OWNER_HV);

	if (mfn == INVALID_MFN)
		panic("out of memory for hypervisor page tables");
	mfn_to_page(mfn)->type = PGT_HV;
	return mfn_to_virt(mfn);
}

/* The next-level table under entry *e, created (user-visible, read-only path) if absent. */
static uint64_t *next_table(uint64_t *e)
{
	if (!(*e & _PAGE_PRESENT))
		*e = __pa(table_alloc()) | _PAGE_PRESENT | _PAGE_USER;
	return __va(*e & PTE_ADDR_MASK);
}

/*
 * The M2P lives in L4 slot 256, which guests can never map themselves;
 * every guest L4 receives this slot, so every guest reads the same table.
 * Intermediate entries are user but not writable: the leaves decide.
 */
void paging_map_m2p(mfn_t first, uint64_t nr)
{
	uint64_t nx = cpu_features.nx ? _PAGE_NX : 0;

	for (uint64_t i = 0; i < nr; i++) {
		uint64_t va = M2P_RO_BASE + i * PAGE_SIZE;
		uint64_t *l3 = next_table(&boot_pml4[L4_INDEX(va)]);
		uint64_t *l2 = next_table(&l3[(va >> 30) & 511]);
		uint64_t *l1 = next_table(&l2[(va >> 21) & 511]);

		l1[(va >> 12) & 511] = ((first + i) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_USER |
				       _PAGE_ACCESSED | nx;
	}
}

/*
 * Guests may set Global in their L1 entries, and a cr3 reload keeps global
 * TLB entries: toggling CR4.PGE drops everything.
 */
void flush_tlb_local(void)
{
	uint64_t cr4 = read_cr4();

	write_cr4(cr4 & ~CR4_PGE);
	write_cr4(cr4);
}
