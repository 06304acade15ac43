/* SPDX-License-Identifier: MIT */
/*
 * memory_op: a domain's reservation of machine frames (ballooning) and
 * where the machine-to-physical table is.
 *
 *   long memory_op(unsigned int cmd, void *arg)
 *
 * Sub-ops:
 *   SHALE_MEMOP_increase_reservation (0): arg -> struct shale_memory_reservation.
 *     Allocates up to nr_extents frames (extent_order must be 0) for domid
 *     (SHALE_DOMID_SELF) and writes their mfns to extent_start[]. Returns
 *     the number allocated; fewer than asked when the domain reaches its
 *     maximum or memory runs out. -EFAULT, -EINVAL (order or domid).
 *   SHALE_MEMOP_decrease_reservation (1): arg -> struct
 *     shale_memory_reservation; extent_start[] lists mfns to give back.
 *     Each must be owned by the caller and not in use (mapped, a table,
 *     pinned); returns how many were released before the first that
 *     could not be. -EFAULT, -EINVAL.
 *   SHALE_MEMOP_current_reservation (3): arg -> shale_domid_t (SELF);
 *     returns the number of frames the domain owns.
 *   SHALE_MEMOP_maximum_reservation (4): as above; returns the most it may own.
 *   SHALE_MEMOP_machphys_mapping (12): arg -> struct shale_machphys_mapping,
 *     written: where the read-only M2P table is mapped and its size.
 *   Any other cmd: -ENOSYS. Requests for other domains: -EPERM unless
 *   privileged, -ESRCH if there is no such domain.
 */
#ifndef SHALE_PUBLIC_MEMORY_H
#define SHALE_PUBLIC_MEMORY_H

#include "shale.h"

#define SHALE_MEMOP_increase_reservation	0
#define SHALE_MEMOP_decrease_reservation	1
#define SHALE_MEMOP_current_reservation		3
#define SHALE_MEMOP_maximum_reservation		4
#define SHALE_MEMOP_machphys_mapping		12

#define SHALE_MEMOP_MAX_EXTENTS	(1u << 20)	/* per call */

#ifndef __ASSEMBLER__
struct shale_memory_reservation {
	uint64_t extent_start;	/* IN: guest address of an array of mfns (IN or OUT) */
	uint64_t nr_extents;	/* IN: entries in the array */
	uint32_t extent_order;	/* IN: must be 0 (single frames) */
	uint16_t domid;		/* IN: SHALE_DOMID_SELF or a domain id */
	uint16_t pad;		/* must be 0 */
};	/* 24 bytes */

struct shale_machphys_mapping {
	uint64_t v_start;	/* OUT: first virtual address of the M2P */
	uint64_t v_end;		/* OUT: end of it (exclusive) */
	uint64_t max_mfn;	/* OUT: entries in it: every mfn below this */
};	/* 24 bytes */

_Static_assert(sizeof(struct shale_memory_reservation) == 24, "reservation size");
_Static_assert(sizeof(struct shale_machphys_mapping) == 24, "machphys size");
#endif

#endif /* SHALE_PUBLIC_MEMORY_H */
