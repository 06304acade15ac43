/* SPDX-License-Identifier: MIT */
/* Page-table entry bits and conversions between physical and virtual. */
#ifndef SHALE_ARCH_X86_PAGE_H
#define SHALE_ARCH_X86_PAGE_H

#include <arch/layout.h>
#include "types.h"

#define _PAGE_PRESENT	0x001ULL
#define _PAGE_RW	0x002ULL
#define _PAGE_USER	0x004ULL
#define _PAGE_PWT	0x008ULL
#define _PAGE_PCD	0x010ULL
#define _PAGE_ACCESSED	0x020ULL
#define _PAGE_DIRTY	0x040ULL
#define _PAGE_PSE	0x080ULL
#define _PAGE_GLOBAL	0x100ULL
#define _PAGE_NX	(1ULL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000ULL

#define L4_INDEX(va)	(((va) >> 39) & 511)

/* Direct map: every physical address has a hypervisor-only alias. */
static inline void *__va(paddr_t pa)
{
	return (void *)(DIRECTMAP_BASE + pa);
}

static inline paddr_t __pa(const void *va)
{
	uint64_t v = (uint64_t)va;

	if (v >= KERNEL_VBASE)
		return v - KERNEL_VBASE;
	return v - DIRECTMAP_BASE;
}

static inline void *mfn_to_virt(mfn_t mfn)
{
	return __va(mfn << PAGE_SHIFT);
}

static inline mfn_t virt_to_mfn(const void *va)
{
	return __pa(va) >> PAGE_SHIFT;
}

/* The hypervisor's own L4, whose reserved slots every guest L4 shares. */
extern uint64_t boot_pml4[512];

void paging_init(uint64_t max_ram_addr);
/* Copies the hypervisor's reserved slots into a new guest L4. */
void paging_fill_reserved_slots(uint64_t *l4);
/* Maps nr frames from first, read-only and user-visible, at SHALE_M2P_VIRT_START. */
void paging_map_m2p(mfn_t first, uint64_t nr);
/* Flushes this CPU's TLB, global entries included. */
void flush_tlb_local(void);

#endif /* SHALE_ARCH_X86_PAGE_H */
