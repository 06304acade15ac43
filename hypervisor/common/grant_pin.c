/* SPDX-License-Identifier: MIT */
/*
 * Grant entries and pins: reading an entry the granter shares with us,
 * deciding whether it allows what is asked, and holding the granted frame
 * (references, the active counts, the in-use flags the granter sees)
 * while a mapping or a copy uses it. grant_table.c builds the sub-ops on
 * these. Everything here runs with the mm lock held.
 */
#include <arch/page.h>
#include "grant_pin.h"
#include "mm.h"

#define PIN_TRIES	4	/* re-reads of an entry that changes under us */

/* Flag bits an entry may carry; anything else is refused, not ignored. */
#define GTF_KNOWN	(SHALE_GTF_type_mask | SHALE_GTF_readonly | SHALE_GTF_reading | \
			 SHALE_GTF_writing)

static uint64_t *entry_of(struct grant_table *gt, shale_grant_ref_t ref)
{
	uint64_t *frame = mfn_to_virt(gt->frames[ref / SHALE_GNTTAB_ENTRIES_PER_FRAME]);

	return &frame[ref % SHALE_GNTTAB_ENTRIES_PER_FRAME];
}

static struct grant_active *active_of(struct grant_table *gt, shale_grant_ref_t ref)
{
	return &gt->active[ref / SHALE_GNTTAB_ENTRIES_PER_FRAME][ref % SHALE_GNTTAB_ENTRIES_PER_FRAME];
}

/* The entry's fields from one 8-byte load (little endian: flags, domid, frame). */
static uint16_t entry_flags(uint64_t e)
{
	return (uint16_t)e;
}

static shale_domid_t entry_domid(uint64_t e)
{
	return (shale_domid_t)(e >> 16);
}

static uint32_t entry_frame(uint64_t e)
{
	return (uint32_t)(e >> 32);
}

static int16_t check_entry(uint64_t e, shale_domid_t user, bool writable)
{
	uint16_t flags = entry_flags(e);

	if ((flags & ~GTF_KNOWN) || (flags & SHALE_GTF_type_mask) != SHALE_GTF_permit_access)
		return SHALE_GNTST_permission_denied;
	if (entry_domid(e) != user)
		return SHALE_GNTST_permission_denied;
	if (writable && (flags & SHALE_GTF_readonly))
		return SHALE_GNTST_permission_denied;
	return SHALE_GNTST_okay;
}

int16_t gnttab_hold_frame(struct domain *owner, mfn_t mfn, bool as_data)
{
	if (!mfn_valid(mfn) || mfn_to_page(mfn)->owner != owner->domid)
		return SHALE_GNTST_bad_page;
	if (get_page(mfn, owner))
		return SHALE_GNTST_bad_page;
	if (as_data && get_page_type(mfn, owner, PGT_WRITABLE)) {
		put_page(mfn);
		return SHALE_GNTST_bad_page;
	}
	return SHALE_GNTST_okay;
}

void gnttab_drop_frame(mfn_t mfn, bool as_data)
{
	if (as_data)
		put_page_type(mfn);
	put_page(mfn);
}

int16_t gnttab_pin(struct domain *granter, shale_grant_ref_t ref, shale_domid_t user,
		   bool writable, mfn_t *frame)
{
	struct grant_table *gt = granter->grant_table;
	uint16_t set = SHALE_GTF_reading | (writable ? SHALE_GTF_writing : 0);
	struct grant_active *act;
	uint64_t *entry;

	if (!gt || ref >= gt->nr_frames * SHALE_GNTTAB_ENTRIES_PER_FRAME)
		return SHALE_GNTST_bad_gntref;
	entry = entry_of(gt, ref);
	act = active_of(gt, ref);
	if ((writable ? act->writers : act->readers) == UINT16_MAX)
		return SHALE_GNTST_no_space;
	for (unsigned int tries = 0; tries < PIN_TRIES; tries++) {
		uint64_t old = __atomic_load_n(entry, __ATOMIC_ACQUIRE);
		bool pinned = act->readers || act->writers;
		/* A pinned entry keeps the frame it was pinned with, whatever the granter writes. */
		mfn_t mfn = pinned ? act->frame : entry_frame(old);
		int16_t st = check_entry(old, user, writable);

		if (!st)
			st = gnttab_hold_frame(granter, mfn, true);
		if (st)
			return st;
		if (__atomic_compare_exchange_n(entry, &old, old | set, false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			act->frame = (uint32_t)mfn;
			if (writable)
				act->writers++;
			else
				act->readers++;
			*frame = mfn;
			return SHALE_GNTST_okay;
		}
		gnttab_drop_frame(mfn, true);
	}
	return SHALE_GNTST_eagain;
}

void gnttab_unpin(struct domain *granter, shale_grant_ref_t ref, bool writable)
{
	struct grant_table *gt = granter->grant_table;
	struct grant_active *act = active_of(gt, ref);
	uint16_t *flags = (uint16_t *)entry_of(gt, ref);
	mfn_t mfn = act->frame;

	if (writable)
		act->writers--;
	else
		act->readers--;
	if (!act->writers)
		__atomic_fetch_and(flags, (uint16_t)~SHALE_GTF_writing, __ATOMIC_RELEASE);
	if (!act->writers && !act->readers)
		__atomic_fetch_and(flags, (uint16_t)~SHALE_GTF_reading, __ATOMIC_RELEASE);
	/* Last: the final reference to a dying granter's frame may free the granter. */
	gnttab_drop_frame(mfn, true);
}
