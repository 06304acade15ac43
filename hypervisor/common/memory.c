/* SPDX-License-Identifier: MIT */
/*
 * memory_op: growing and shrinking a domain's reservation (ballooning),
 * and where the M2P table is. Reservation changes run MEMOP_STEP extents
 * per hypercall entry; the progress is kept with the continuation.
 */
#include <public/memory.h>
#include <public/multicall.h>
#include "guest_access.h"
#include "hypercall.h"
#include "m2p.h"
#include "mm.h"

#define MEMOP_STEP		256	/* extents per hypercall entry */

static bool page_unused(struct domain *d, mfn_t mfn)
{
	const struct page_info *pg = mfn_to_page(mfn);

	return pg->owner == d->domid && pg->count == 1 && pg->type_count == 0 &&
	       !(pg->flags & PGF_PINNED);
}

static long populate(struct domain *d, uint64_t array, uint64_t i)
{
	mfn_t mfn;

	if (d->tot_pages >= d->max_pages)
		return 0;
	mfn = domain_alloc_page(d);
	if (mfn == INVALID_MFN)
		return 0;
	if (copy_to_guest(array + i * sizeof(mfn), &mfn, sizeof(mfn))) {
		domain_release_page(d, mfn);
		return -EFAULT;
	}
	return 1;
}

static long release(struct domain *d, uint64_t array, uint64_t i)
{
	mfn_t mfn;

	if (copy_from_guest(&mfn, array + i * sizeof(mfn), sizeof(mfn)))
		return -EFAULT;
	if (!mfn_valid(mfn) || !page_unused(d, mfn))
		return 0;
	domain_release_page(d, mfn);
	return 1;
}

static long change_reservation(unsigned int op, uint64_t start, uint64_t arg)
{
	struct shale_memory_reservation r;
	struct domain *d;
	uint64_t i;
	long rc;

	if (copy_from_guest(&r, arg, sizeof(r)))
		return -EFAULT;
	if (r.extent_order || r.pad || r.nr_extents > SHALE_MEMOP_MAX_EXTENTS ||
	    start > r.nr_extents)
		return -EINVAL;
	if (!hypercall_can_continue() && r.nr_extents - start > SHALE_MULTICALL_MAX_BATCH)
		return -E2BIG;
	rc = domain_for_op(current_domain(), r.domid, &d);
	if (rc)
		return rc;
	for (i = start; i < r.nr_extents; i++) {
		if (i - start == MEMOP_STEP && hypercall_can_continue()) {
			const uint64_t next[6] = { op, arg };

			return hypercall_continue(SHALE_HYPERCALL_memory_op, next, i);
		}
		rc = op == SHALE_MEMOP_increase_reservation ? populate(d, r.extent_start, i)
							    : release(d, r.extent_start, i);
		if (rc < 0)
			return i ? (long)i : rc;
		if (rc == 0)
			break;
	}
	return (long)i;
}

static long reservation_size(uint64_t arg, bool maximum)
{
	shale_domid_t id;
	struct domain *d;
	long rc;

	if (copy_from_guest(&id, arg, sizeof(id)))
		return -EFAULT;
	rc = domain_for_op(current_domain(), id, &d);
	if (rc)
		return rc;
	return (long)(maximum ? d->max_pages : d->tot_pages);
}

static long machphys_mapping(uint64_t arg)
{
	struct shale_machphys_mapping m = {
		.v_start = SHALE_M2P_VIRT_START,
		.v_end = SHALE_M2P_VIRT_START + m2p_mapped_bytes(),
		.max_mfn = max_mfn,
	};

	return copy_to_guest(arg, &m, sizeof(m));
}

long do_memory_op(unsigned int cmd, uint64_t arg)
{
	const uint64_t args[6] = { cmd, arg };

	switch (cmd) {
	case SHALE_MEMOP_increase_reservation:
	case SHALE_MEMOP_decrease_reservation:
		return change_reservation(cmd, hypercall_progress(SHALE_HYPERCALL_memory_op, args),
					  arg);
	case SHALE_MEMOP_current_reservation:
		return reservation_size(arg, false);
	case SHALE_MEMOP_maximum_reservation:
		return reservation_size(arg, true);
	case SHALE_MEMOP_machphys_mapping:
		return machphys_mapping(arg);
	default:
		return -ENOSYS;
	}
}
