/* SPDX-License-Identifier: MIT */
/*
 * Machine frames: the frame table (one struct page_info per frame of RAM)
 * and the allocator. Every frame has exactly one owner: free, the
 * hypervisor, or a domain. Every frame is all zeroes when it is
 * allocated (zeroed while the CPU idles, or at the allocation), so no data
 * ever passes from one owner to the next.
 */
#ifndef SHALE_HV_FRAME_H
#define SHALE_HV_FRAME_H

#include "types.h"

/* Owners that are not domains. */
#define OWNER_FREE	0xffff
#define OWNER_HV	0x7ff1

/* Page types: what a frame is used as, which decides how it may be mapped. */
enum page_type {
	PGT_NONE = 0,		/* not in use as anything special */
	PGT_WRITABLE,		/* mapped writable by its owner */
	PGT_L1, PGT_L2, PGT_L3, PGT_L4,	/* page tables: never guest-writable */
	PGT_SHARED_INFO,	/* a domain's shared_info page */
	PGT_HV,			/* hypervisor-internal data */
	PGT_GRANT_TABLE,	/* a frame of a domain's grant table (shared like shared_info) */
};

#define PGF_PINNED	0x01	/* holds a type reference until unpinned */

struct page_info {
	uint32_t count;		/* references of any kind (the owner's allocation is one) */
	uint32_t type_count;	/* references that rely on the current type */
	uint16_t owner;		/* domid, OWNER_FREE or OWNER_HV */
	uint8_t type;		/* enum page_type; PGT_NONE when type_count is 0 */
	uint8_t flags;		/* PGF_* */
	uint32_t next;		/* owner's list of frames: mfn + 1 of the next, 0 ends */
	uint32_t prev;		/* ... and of the previous */
	uint32_t pad;
};

_Static_assert(sizeof(struct page_info) == 24, "page_info size");

#define INVALID_MFN	(~0ULL)

extern struct page_info *frame_table;
extern uint64_t max_mfn;	/* frames at or above this are not RAM */

static inline struct page_info *mfn_to_page(mfn_t mfn)
{
	return &frame_table[mfn];
}

static inline bool mfn_valid(mfn_t mfn)
{
	return mfn < max_mfn;
}

/* Builds the frame table and frees every RAM frame not in use at boot. */
void frame_init(void);
/* Releases frames [start, end) that boot held (modules once consumed). */
void frame_release_boot_range(paddr_t start, paddr_t end);

/* Allocates one zeroed frame for owner; INVALID_MFN when memory is out. */
mfn_t frame_alloc(uint16_t owner);
/*
 * Allocates n physically contiguous zeroed frames (boot-time structures
 * that want one linear view); the first mfn, or INVALID_MFN.
 */
mfn_t frame_alloc_contig(uint64_t n, uint16_t owner);
/* Returns a frame to the free pool. */
void frame_free(mfn_t mfn);

/* From the idle loop: zeroes up to max freed frames; how many it did. */
unsigned int frame_scrub_some(unsigned int max);

uint64_t frame_free_count(void);
/* Free frames not zeroed yet. */
uint64_t frame_dirty_count(void);
uint64_t frame_total_count(void);

#endif /* SHALE_HV_FRAME_H */
