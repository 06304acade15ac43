/* SPDX-License-Identifier: MIT */
/*
 * Grant tables: the hypervisor's side of include/public/grant_table.h.
 *
 * A domain's grant_table holds two things. As a granter: its table frames
 * (owned by the hypervisor, type PGT_GRANT_TABLE, mappable writable by the
 * domain like shared_info) and, per entry, the active state the guest
 * cannot touch: which frame is pinned and by how many mappings. As a
 * mapper: its map table (Xen's maptrack), one record per live mapping,
 * indexed by the handle map_grant_ref returned.
 *
 * Every live grant mapping holds one general and one PGT_WRITABLE type
 * reference on the granted frame; the records own them, not the page
 * table entry. A grant PTE carries PTE_GRANT_MAP (mm_rules.h), a bit
 * guests may never set, so the page-table code knows it holds no
 * references: mmu_update refuses to overwrite it, and a page table
 * released while it holds one hands it to gnttab_release_pte().
 */
#ifndef SHALE_HV_GRANT_TABLE_H
#define SHALE_HV_GRANT_TABLE_H

#include <public/grant_table.h>
#include "domain.h"
#include "frame.h"

#define GNTTAB_MAPS_PER_PAGE	(PAGE_SIZE / sizeof(struct grant_map))
#define GNTTAB_MAP_PAGES	(SHALE_GNTTAB_MAX_MAPS / GNTTAB_MAPS_PER_PAGE)

/* The hypervisor's view of one entry while it is pinned (mapped or copied). */
struct grant_active {
	uint32_t frame;		/* the mfn pinned, fixed while any pin exists */
	uint16_t readers;	/* read-only pins */
	uint16_t writers;	/* writable pins */
};

/* One mapping a domain made (a maptrack record); the handle is its index. */
struct grant_map {
	paddr_t pte_maddr;		/* machine address of the L1 entry it wrote; 0 = free */
	shale_grant_ref_t ref;		/* the granter's entry */
	shale_domid_t granter;
	uint8_t writable;
	uint8_t pad;
};

struct grant_table {
	unsigned int nr_frames;				/* table frames so far */
	mfn_t frames[SHALE_GNTTAB_MAX_FRAMES];		/* the shared entries */
	struct grant_active *active[SHALE_GNTTAB_MAX_FRAMES];	/* one page per frame */
	struct grant_map *maps[GNTTAB_MAP_PAGES];	/* allocated as needed */
	unsigned int nr_maps;				/* live mappings */
	unsigned int map_hint;				/* no free record below this */
};

_Static_assert(sizeof(struct grant_active) * SHALE_GNTTAB_ENTRIES_PER_FRAME == PAGE_SIZE,
	       "one page of active entries per table frame");
_Static_assert(sizeof(struct grant_map) == 16, "grant_map size");
_Static_assert(sizeof(struct grant_table) <= PAGE_SIZE, "grant_table fits a frame");

/* True when mfn is one of d's grant-table frames (which d may map writable). */
static inline bool gnttab_frame_of(const struct domain *d, mfn_t mfn)
{
	const struct grant_table *gt = d->grant_table;

	for (unsigned int i = 0; gt && i < gt->nr_frames; i++)
		if (gt->frames[i] == mfn)
			return true;
	return false;
}

/*
 * A page table frame table_mfn is losing its L1 type while its entry slot
 * is a grant mapping: ends that mapping (the granter's pins, flags and
 * frame references) and clears the entry. Runs with the mm lock held, or
 * while the owning domain is being destroyed.
 */
void gnttab_release_pte(mfn_t table_mfn, unsigned int slot);

/*
 * Ends every mapping d still holds (after its page tables are released
 * there should be none; any left is logged). Part of domain_destroy().
 */
void gnttab_release_mappings(struct domain *d);

/* Frees d's grant table when d itself is freed. */
void gnttab_free(struct domain *d);

#endif /* SHALE_HV_GRANT_TABLE_H */
