/* SPDX-License-Identifier: MIT */
/*
 * Grant tables for the tests (include/public/grant_table.h): the domain's
 * own table set up and mapped, entries written as a granter writes them,
 * and one-structure wrappers of map, unmap and copy that return the
 * structure's status.
 */
#ifndef SHALE_XT_GRANT_H
#define SHALE_XT_GRANT_H

#include <stdbool.h>
#include <stdint.h>
#include <public/grant_table.h>

/* Where xt_gnttab_setup() maps our table frames (L4 slot 194). */
#define XT_GNTTAB_VA	SHALE_ULL(0x0000610000000000)

/* Addresses for grant mappings: XT_GRANT_MAP_VA + i pages, with an L1 ready (slot 195). */
#define XT_GRANT_MAP_VA	SHALE_ULL(0x0000618000000000)

/* Our table, as xt_gnttab_setup() mapped it (NULL before). */
extern volatile struct shale_grant_entry *xt_gnttab;

/*
 * setup_table(SELF, nr_frames), then maps the frames writable at
 * XT_GNTTAB_VA. Returns 0, or a hypercall's errno / the status (ERROR is
 * given, since the grant tests that check these calls give the FAIL).
 */
long xt_gnttab_setup(unsigned int nr_frames);

/* Writes entry ref: frame and domid first, then flags (release), as a granter must. */
void xt_grant(uint32_t ref, uint16_t domid, uint64_t mfn, uint16_t flags);

/*
 * Ends grant ref as a granter does: flags from permit_access(|readonly) to
 * 0 with a compare-exchange. 0, or -SHALE_EBUSY when reading or writing
 * is set (still mapped).
 */
long xt_end_grant(uint32_t ref);

/* The entry's flags now. */
uint16_t xt_grant_flags(uint32_t ref);

/* The address of mapping slot i, its L1 built (finishes with ERROR if it cannot be). */
uint64_t xt_grant_va(unsigned int i);

/*
 * The single-structure wrappers return the structure's status. A call
 * that fails as a whole (it must not, for one good structure) is a FAIL
 * naming the errno, and they return XT_GNTST_CALL_FAILED.
 */
#define XT_GNTST_CALL_FAILED	(-1000)

/* map_grant_ref of (dom, ref) at va with flags (SHALE_GNTMAP_*); *handle gets the handle. */
long xt_map_grant(uint16_t dom, uint32_t ref, uint64_t va, uint32_t flags, uint32_t *handle);
long xt_unmap_grant(uint64_t va, uint32_t handle);
long xt_grant_copy(struct shale_gnttab_copy *op);

/* "bad_gntref" for SHALE_GNTST_bad_gntref, "okay" for 0, "?" otherwise. */
const char *xt_gntst_name(long status);

/*
 * FAILs with "what: expected STATUS, got STATUS" (by name) on a mismatch;
 * for an expected refusal also checks the hypervisor still answers.
 * True when it matched.
 */
bool xt_expect_gntst(long status, long expected, const char *what);

#endif /* SHALE_XT_GRANT_H */
