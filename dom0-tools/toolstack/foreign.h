/* SPDX-License-Identifier: MIT */
/*
 * What a privileged domain builder does to another domain's memory, through
 * the hypercalls that take a foreign domain id: give it frames
 * (memory_op increase_reservation with its domid), record their M2P
 * entries (mmu_update MACHPHYS_UPDATE with foreign_dom) and pin its
 * top-level page table (mmuext_op PIN_L4_TABLE with foreign_dom). Mapping
 * its frames into dom0 is the guest kernel's map_foreign_range().
 *
 * All return 0 (or a count) or a negative SHALE_E* value.
 */
#ifndef SHALE_DOM0_TOOLSTACK_FOREIGN_H
#define SHALE_DOM0_TOOLSTACK_FOREIGN_H

#include <stdint.h>

/*
 * Allocates up to n frames to domid and writes their mfns to mfns[0..n).
 * Returns how many it got (fewer at the domain's maximum or when the host
 * runs out), or a negative error.
 */
long ts_populate(uint16_t domid, uint64_t *mfns, uint64_t n);

/* Records in the M2P that frame p2m[pfn] of domid is pfn, for every pfn < n. */
int ts_m2p_record(uint16_t domid, const uint64_t *p2m, uint64_t n);

/* Validates and pins frame mfn of domid as an L4 table. */
int ts_pin_l4(uint16_t domid, uint64_t mfn);

#endif /* SHALE_DOM0_TOOLSTACK_FOREIGN_H */
