/* SPDX-License-Identifier: MIT */
/*
 * Memory: the domain's pages, how their three names relate, and the page
 * allocator.
 *
 * A PV domain sees three names for a page: its pfn (pseudo-physical frame
 * number, 0 .. nr_pages-1, the domain's own numbering), its mfn (machine
 * frame number, what page-table entries hold; the p2m list start_info gives
 * maps pfn -> mfn, the hypervisor's read-only M2P table maps back), and its
 * virtual address in the linear mapping va = virt_base + pfn * 4096 that
 * covers every pfn (start_info.h).
 *
 * The page allocator hands out the pfns the bootstrap layout left free
 * (first_free_pfn .. nr_pages-1) and, once the kernel runs on its own page
 * tables (pagetable.h), the frames of the bootstrap tables too. It keeps one
 * bit per pfn; pages are not zeroed.
 */
#ifndef SHALE_GUEST_MM_H
#define SHALE_GUEST_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/mm.h>
#include "kernel.h"

#define PAGE_SHIFT	SHALE_PAGE_SHIFT
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* The p2m list (start_info.mfn_list): mfn of every pfn. */
extern const uint64_t *p2m;

static inline uint64_t pfn_to_mfn(uint64_t pfn)
{
	return p2m[pfn];
}

/*
 * The hypervisor's read-only M2P (SHALE_M2P_VIRT_START): the pfn the owner
 * recorded for mfn; SHALE_INVALID_PFN if none or mfn is beyond the table.
 */
uint64_t mfn_to_pfn(uint64_t mfn);

/* Entries of the M2P we may read: every mfn below this has one. */
uint64_t m2p_nr_entries(void);

static inline void *pfn_to_virt(uint64_t pfn)
{
	return (void *)(uintptr_t)(start_info->virt_base + (pfn << PAGE_SHIFT));
}

static inline uint64_t virt_to_pfn(const void *va)
{
	return ((uintptr_t)va - start_info->virt_base) >> PAGE_SHIFT;
}

static inline uint64_t virt_to_mfn(const void *va)
{
	return pfn_to_mfn(virt_to_pfn(va));
}

/* Machine address of the byte at va (what mmu_update's ptr wants for a table entry). */
static inline uint64_t virt_to_machine(const void *va)
{
	return (virt_to_mfn(va) << PAGE_SHIFT) | ((uintptr_t)va & (PAGE_SIZE - 1));
}

/*
 * The linear-map address of one of the domain's own frames, found through
 * the M2P; NULL if mfn is not the domain's (the M2P and the p2m disagree).
 */
void *mfn_to_virt(uint64_t mfn);

/* True when va lies in the linear mapping of the domain's pages. */
bool mm_is_linear(const void *va);

/*
 * Brings memory management up: the page allocator over the free pfns, then
 * the switch to the kernel's own page tables (pt_init(), which returns the
 * bootstrap tables' frames to the allocator). Prints what it did; crashes
 * the domain with the reason if the hypervisor refuses a step.
 */
void mm_init(void);

/*
 * n contiguous pages (contiguous pfns, so contiguous in the linear
 * mapping), not zeroed. Returns their virtual address, or NULL when no run
 * of n free pages exists.
 */
void *alloc_pages(unsigned long n);
void *alloc_page(void);

/*
 * Gives back n pages from va (a linear-map address, page aligned). Freeing
 * a page that is already free crashes the domain: it is always a bug.
 */
void free_pages(void *va, unsigned long n);
void free_page(void *va);

/*
 * Adds pfns the allocator did not manage yet (reserved at start of day,
 * such as the bootstrap page tables once they are plain memory again).
 */
void mm_add_free_pages(uint64_t first_pfn, unsigned long n);

struct mm_stats {
	unsigned long nr_pages;		/* pages the domain has (start_info.nr_pages) */
	unsigned long managed;		/* pages the allocator manages */
	unsigned long free;		/* of those, free now */
	unsigned long bitmap_pages;	/* pages holding the allocator's own bitmap */
};

void mm_get_stats(struct mm_stats *st);

#endif /* SHALE_GUEST_MM_H */
