/* SPDX-License-Identifier: MIT */
/*
 * The domain's memory as start_info describes it: a page allocator over
 * the free pfns, pfn/mfn/va conversions, and page-table walks.
 *
 * Every pfn is mapped at va = virt_base + pfn * 4096 (page-table frames
 * read-only), so tables are read directly; changes go through mmu_update
 * and update_va_mapping. mfn -> pfn uses our own p2m, not the hypervisor's
 * M2P, so the M2P tests compare against something independent.
 */
#ifndef SHALE_XT_MM_H
#define SHALE_XT_MM_H

#include <stdbool.h>
#include <stdint.h>
#include <public/mm.h>
#include <public/shared_info.h>
#include <public/start_info.h>

#define PAGE_SIZE	4096ULL
#define XT_INVALID	(~0ULL)

/* Flags for entries the framework writes. */
#define XT_PT_TABLE	(SHALE_PTE_PRESENT | SHALE_PTE_RW | SHALE_PTE_USER | SHALE_PTE_ACCESSED)
#define XT_PT_DATA_RW	(XT_PT_TABLE | SHALE_PTE_DIRTY)
#define XT_PT_DATA_RO	(SHALE_PTE_PRESENT | SHALE_PTE_USER | SHALE_PTE_ACCESSED)

/* Hypervisor frames: below 1 MiB is firmware, the image is loaded at 1 MiB. */
#define XT_FIRMWARE_MFN_END	256
#define XT_HV_IMAGE_MFN		256

extern const struct shale_start_info *xt_si;
extern struct shale_shared_info *xt_shared_info;
extern uint64_t xt_l4_mfn;	/* the L4 in cr3, as far as the framework knows */

static inline uint64_t *xt_p2m(void)
{
	return (uint64_t *)xt_si->mfn_list;
}

static inline uint64_t xt_pfn_to_va(uint64_t pfn)
{
	return xt_si->virt_base + pfn * PAGE_SIZE;
}

static inline uint64_t xt_pfn_to_mfn(uint64_t pfn)
{
	return xt_p2m()[pfn];
}

static inline uint64_t xt_va_to_pfn(uint64_t va)
{
	return (va - xt_si->virt_base) / PAGE_SIZE;
}

static inline uint64_t xt_va_to_mfn(uint64_t va)
{
	return xt_pfn_to_mfn(xt_va_to_pfn(va));
}

/* The pfn whose p2m entry is mfn (searches the p2m), or XT_INVALID. */
uint64_t xt_mfn_to_pfn(uint64_t mfn);

/* The M2P entry of mfn, read at SHALE_M2P_VIRT_START. */
static inline uint64_t xt_m2p(uint64_t mfn)
{
	return ((volatile const uint64_t *)SHALE_M2P_VIRT_START)[mfn];
}

/*
 * A zeroed free page, mapped writable at xt_pfn_to_va(pfn); returns its
 * pfn. Out of pages is ERROR (and finishes). xt_alloc_pages returns n
 * consecutive pfns (so a contiguous virtual range).
 */
uint64_t xt_alloc_page(void);
uint64_t xt_alloc_pages(uint64_t n);

/* A page-table walk of va through the current L4; level 4 is the top. */
struct xt_walk {
	uint64_t table_mfn[5];		/* [l]: the level-l table on the path */
	uint64_t entry_maddr[5];	/* [l]: machine address of the entry for va */
	uint64_t entry[5];		/* [l]: its value */
	unsigned int level;		/* lowest level reached: 1 when an L1 entry exists */
};

/*
 * Walks va; returns the lowest level whose table exists (1: va has an L1
 * entry, which may be not present). Tables must be frames we own.
 */
unsigned int xt_walk(uint64_t va, struct xt_walk *w);

/* Machine address of the L1 entry for va, or 0 when no L1 table covers va. */
uint64_t xt_l1e_maddr(uint64_t va);

/* The current value of the L1 entry for va (0 when there is none). */
uint64_t xt_l1e(uint64_t va);

/* Read-only view of a table frame we own, by its mfn. */
const uint64_t *xt_table(uint64_t mfn);

/* One NORMAL_PT_UPDATE; returns mmu_update's result. */
long xt_set_pte(uint64_t maddr, uint64_t val);

/* Remaps pfn's linear mapping read-only / writable (update_va_mapping + INVLPG). */
long xt_map_readonly(uint64_t pfn);
long xt_map_writable(uint64_t pfn);

/*
 * A new zeroed page mapped read-only, ready to become a table; returns its
 * pfn, or XT_INVALID with ERROR when remapping failed.
 */
uint64_t xt_new_table_page(void);

/*
 * Makes sure an L1 table covers va in the current address space, creating
 * L3, L2 and L1 tables below the L4 as needed (mmu_update). Returns 0 or
 * the failing hypercall's result (and gives ERROR: the tests that check
 * those calls give the FAIL).
 */
long xt_ensure_l1(uint64_t va);

/* An address in a guest L4 slot the bootstrap layout leaves empty, for scratch mappings. */
#define XT_SCRATCH_VA	SHALE_ULL(0x0000600000000000)

/*
 * xt_ensure_l1(XT_SCRATCH_VA), then the machine address of the L1 entry
 * for XT_SCRATCH_VA + i pages; finishes with ERROR when the tables cannot
 * be built.
 */
uint64_t xt_scratch_l1e(unsigned int i);

/*
 * Frames of ours that are not in the p2m (fresh from increase_reservation),
 * each mapped in turn at XT_SCRATCH_VA and unmapped after: xt_fill_frames
 * writes pattern ^ (word index) into every word, xt_nonzero_words counts
 * the words that are not 0. A refused mapping finishes with ERROR.
 */
void xt_fill_frames(const uint64_t *mfns, unsigned int n, uint64_t pattern);
uint64_t xt_nonzero_words(const uint64_t *mfns, unsigned int n);

/* max_mfn from memory_op(machphys_mapping); finishes with ERROR if refused. */
uint64_t xt_max_mfn(void);

/* A present, user entry for mfn (writable when rw). */
static inline uint64_t xt_pte(uint64_t mfn, bool rw)
{
	return (mfn << 12) | (rw ? XT_PT_DATA_RW : XT_PT_DATA_RO);
}

#endif /* SHALE_XT_MM_H */
