/* SPDX-License-Identifier: MIT */
/*
 * Frame references and page types: the bookkeeping that keeps guest page
 * tables safe (docs/MEMORY.md).
 *
 * A general reference (get_page) keeps a frame from being freed. A type
 * reference (get_page_type) pins the frame's use: while any exists the
 * frame cannot change type, so a frame in use as a page table is never
 * mapped writable and a writable frame is never used as a table. Taking
 * the first table-type reference validates every entry of the table;
 * dropping the last releases what its entries referenced.
 */
#ifndef SHALE_HV_MM_H
#define SHALE_HV_MM_H

#include "domain.h"
#include "frame.h"

/* 0; -EINVAL if mfn is not RAM; -EPERM if d may not reference it. */
int get_page(mfn_t mfn, struct domain *d);
void put_page(mfn_t mfn);

/*
 * Takes a reference of type t (PGT_WRITABLE or PGT_L1..PGT_L4) on a frame
 * d owns. 0; -EBUSY when the frame is in use as another type; a
 * validation error (-EINVAL, -EPERM, -EBUSY) for a table whose entries
 * break the rules.
 */
int get_page_type(mfn_t mfn, struct domain *d, enum page_type t);
void put_page_type(mfn_t mfn);

/* Checks a new entry of a table of level 1-4 and takes what it references. */
int get_entry_refs(struct domain *d, unsigned int level, unsigned int slot, uint64_t pte,
		   struct domain *foreign);
/* Releases what an entry referenced. */
void put_entry_refs(unsigned int level, unsigned int slot, uint64_t pte);

/* Validates and pins the frame as a table of level 1-4 (the owner's). */
int pin_table(struct domain *d, mfn_t mfn, unsigned int level);
/* Makes mfn the vCPU's L4 (validating it), releasing the previous one. */
int set_base_table(struct vcpu *v, mfn_t mfn);

static inline bool page_type_is_table(unsigned int t)
{
	return t >= PGT_L1 && t <= PGT_L4;
}

static inline enum page_type table_type(unsigned int level)
{
	return (enum page_type)(PGT_L1 + level - 1);
}

/*
 * The lock under which page tables and frame references change (mm.c):
 * every hypercall that writes a page-table entry or takes a reference
 * holds it.
 */
unsigned long mm_lock_irqsave(void);
void mm_unlock_irqrestore(unsigned long flags);

/*
 * Machine address of the L1 entry for va in the tables rooted at l4
 * (validated tables, so every frame on the way is a table of the right
 * level). 0, or -EINVAL when an upper level is not present.
 */
int pt_l1_entry_of(mfn_t l4, uint64_t va, paddr_t *maddr);

/* A rate-limited line saying which rule refused what, for `shl dmesg`. */
void mm_refused(struct domain *d, const char *fmt, ...) __printf(2, 3);

#endif /* SHALE_HV_MM_H */
