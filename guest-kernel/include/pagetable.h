/* SPDX-License-Identifier: MIT */
/*
 * The kernel's own page tables, built and changed only through the
 * hypervisor (direct paging: docs/MEMORY.md, include/public/mm.h).
 *
 * pt_init() replaces the builder's bootstrap tables with a set the kernel
 * allocated itself: the same linear mapping of every pfn at virt_base
 * (writable, except the frames that hold page tables, which the hypervisor
 * only lets us map read-only) and shared_info after it. It pins the new L4,
 * loads it with NEW_BASEPTR, unpins the bootstrap L4 and, once those
 * frames are plain memory again, maps them writable and gives them to the
 * page allocator.
 *
 * map_frame()/unmap_frame() map single frames anywhere outside the linear
 * mapping, creating L3/L2/L1 tables on demand (zeroed, made read-only,
 * then linked with mmu_update). Tables created on demand are kept when
 * their last mapping goes. map_foreign_frame() and map_foreign_range()
 * do the same for another domain's frames (dom0 only), the latter at
 * addresses it picks from an area of its own.
 */
#ifndef SHALE_GUEST_PAGETABLE_H
#define SHALE_GUEST_PAGETABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <public/mm.h>
#include <public/shale.h>

#define PT_ENTRIES	512

/* Entry bits for tables the kernel builds: upper levels, and leaves read-only / writable. */
#define PTE_TABLE	(SHALE_PTE_PRESENT | SHALE_PTE_RW | SHALE_PTE_USER | SHALE_PTE_ACCESSED)
#define PTE_LEAF_RO	(SHALE_PTE_PRESENT | SHALE_PTE_USER | SHALE_PTE_ACCESSED)
#define PTE_LEAF_RW	(PTE_LEAF_RO | SHALE_PTE_RW | SHALE_PTE_DIRTY)

/*
 * A virtual area for map_frame() that nothing else uses: L4 slot 32, far
 * above the linear mapping of any domain size Shale supports.
 */
#define MAP_AREA_START	0x0000100000000000UL
#define MAP_AREA_END	0x0000108000000000UL

/*
 * The area map_foreign_range() hands out addresses from (L4 slot 33, 512
 * GiB); map_frame() and map_foreign_frame() refuse addresses in it.
 */
#define FOREIGN_AREA_START	0x0000108000000000UL
#define FOREIGN_AREA_END	0x0000110000000000UL

/*
 * Builds the kernel's own page tables and switches to them (see above).
 * Called once by mm_init() after the page allocator is up. Prints one line
 * when done; on any refusal prints which step failed with the error and
 * crashes the domain.
 */
void pt_init(void);

/* Machine frame of the L4 in cr3. */
uint64_t pt_l4_mfn(void);

/* Frames the kernel uses as page tables now (the set pt_init() built, plus on-demand ones). */
unsigned long pt_nr_frames(void);

/* Bootstrap table frames pt_init() returned to the page allocator. */
unsigned long pt_bootstrap_freed(void);

/*
 * The L1 entry that maps va in the current tables, or 0 when a level on
 * the way is not present.
 */
uint64_t pt_lookup(unsigned long va);

/*
 * Maps frame mfn (one of the domain's own) at va, read-only or writable,
 * replacing what va mapped before. va must be page aligned, in guest
 * address space and outside the linear mapping. Returns 0, -SHALE_EINVAL
 * for a bad va, -SHALE_ENOMEM when no page is left for a table, or the
 * hypervisor's refusal (-SHALE_EBUSY: mfn is a page table and writable was
 * asked; -SHALE_EPERM: not our frame).
 */
int map_frame(unsigned long va, uint64_t mfn, bool writable);

/*
 * Makes sure an L1 table covers va (creating tables as map_frame() does),
 * mapping nothing: for mappings the hypervisor makes itself, such as grant
 * mappings. va as for map_frame(). 0, -SHALE_EINVAL, -SHALE_ENOMEM.
 */
int pt_prepare(unsigned long va);

/*
 * Removes the mapping at va (own or foreign frame). Returns 0,
 * -SHALE_EINVAL (bad va), -SHALE_ENOENT (nothing mapped).
 */
int unmap_frame(unsigned long va);

/*
 * Privileged (dom0, for the toolstack): maps frame mfn of domain domid at
 * va, read-only or writable, with mmu_update and foreign_dom = domid on
 * the L1 entry (tables on the way are created as map_frame() does).
 * domid may be SHALE_DOMID_SELF. va as for map_frame(). Returns 0,
 * -SHALE_EINVAL (bad va), -SHALE_ENOMEM (no page for a table), or the
 * hypervisor's refusal: -SHALE_EPERM (mfn is not domid's, or we are not
 * privileged), -SHALE_ESRCH (no domain domid), -SHALE_EBUSY (a page-table
 * frame asked writable), -SHALE_EINVAL (not RAM). Undo with unmap_frame().
 */
int map_foreign_frame(unsigned long va, shale_domid_t domid, uint64_t mfn, bool writable);

/*
 * Maps the n frames mfns[0..n-1] of domid, in order, at n contiguous free
 * pages of FOREIGN_AREA and returns the address of the first; a refusal
 * of any frame undoes the others. Returns NULL on failure with *err (if
 * err is not NULL) set to -SHALE_EINVAL (n is 0 or mfns NULL),
 * -SHALE_ENOMEM (no address space or no page for a table) or the
 * hypervisor's refusal as for map_foreign_frame(); *err = 0 on success.
 */
void *map_foreign_range(shale_domid_t domid, const uint64_t *mfns, unsigned long n,
			bool writable, int *err);

/*
 * Unmaps n pages at va, which map_foreign_range() returned for n pages
 * (or a whole sub-range of one), flushes the TLB and frees the addresses.
 * Returns 0, or -SHALE_EINVAL when [va, va + n pages) is not mapped by
 * map_foreign_range().
 */
int unmap_range(void *va, unsigned long n);

/* Pages map_foreign_range() maps now, free extents of its area, pages lost to fragmentation. */
void pt_range_stats(unsigned long *pages_mapped, unsigned long *free_extents,
		    unsigned long *pages_lost);

#endif /* SHALE_GUEST_PAGETABLE_H */
