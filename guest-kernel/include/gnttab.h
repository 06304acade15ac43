/* SPDX-License-Identifier: MIT */
/*
 * Grant tables, the guest's side (include/public/grant_table.h): share
 * one of our frames with another domain, map or copy what another domain
 * shares with us. Block and network frontends and backends build on this.
 *
 * gnttab_init() asks the hypervisor for the table and maps its frames
 * writable at GNTTAB_TABLE_VA. References 0 to GNTTAB_RESERVED_REFS - 1
 * are never handed out (kept for fixed uses, as Xen keeps them for the
 * console and the store); the rest are allocated by
 * gnttab_grant_access() and given back by gnttab_end_access().
 *
 * Grant mappings go to addresses gnttab_map() picks from an area of its
 * own (GNTTAB_MAP_AREA, GNTTAB_MAP_SLOTS pages); the L1 tables under the
 * area are created when first needed and kept.
 *
 * Statuses: gnttab_map(), gnttab_unmap() and the copy helpers return a
 * SHALE_GNTST_* status (0 = okay); when the hypercall itself fails they
 * return SHALE_GNTST_general_error. gnttab_status_name() names one.
 */
#ifndef SHALE_GUEST_GNTTAB_H
#define SHALE_GUEST_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>
#include <public/errno.h>
#include <public/grant_table.h>

#define GNTTAB_TABLE_VA		0x0000110000000000UL	/* L4 slot 34: our table frames */
#define GNTTAB_MAP_AREA		0x0000110000200000UL	/* grant mappings, 2 MiB in */
#define GNTTAB_MAP_SLOTS	512
#define GNTTAB_RESERVED_REFS	8

/*
 * Sets up a table of nr_frames frames (at most SHALE_GNTTAB_MAX_FRAMES)
 * and maps it. 0; -SHALE_EINVAL (nr_frames 0 or too many), -SHALE_EALREADY
 * (already done), -SHALE_ENOMEM (no page for a page table), or the
 * hypercall's error (-SHALE_EIO when setup_table's status is not okay).
 */
int gnttab_init(unsigned int nr_frames);

/* Entries of our table (0 before gnttab_init()). */
unsigned int gnttab_nr_entries(void);

/*
 * Grants domid access to our frame mfn (read-only if readonly): the
 * reference (>= GNTTAB_RESERVED_REFS), or -SHALE_ENOSPC when every
 * reference is in use, -SHALE_EINVAL before gnttab_init().
 */
long gnttab_grant_access(uint16_t domid, uint64_t mfn, bool readonly);

/*
 * Ends grant ref: 0, -SHALE_EBUSY while the other domain maps it (the
 * grant stays; try again after it unmaps), -SHALE_EINVAL for a reference
 * that is not one gnttab_grant_access() returned.
 */
int gnttab_end_access(uint32_t ref);

/* The flags of our entry ref (SHALE_GTF_*), to see whether it is in use. */
uint16_t gnttab_flags(uint32_t ref);

/*
 * Maps domain domid's grant ref at an address of the map area: *va gets
 * it, *handle what gnttab_unmap() needs. A status; SHALE_GNTST_no_space
 * when the area is full.
 */
int gnttab_map(uint16_t domid, uint32_t ref, bool readonly, void **va, uint32_t *handle);

/* Unmaps what gnttab_map() mapped at va (and frees the address): a status. */
int gnttab_unmap(void *va, uint32_t handle);

/*
 * Copies len bytes between buf (in the linear mapping: the kernel image,
 * the heap, a thread stack; not crossing a page boundary) and offset
 * bytes into domain domid's grant ref: a status
 * (SHALE_GNTST_bad_copy_arg also for a buf that crosses a page).
 */
int gnttab_copy_to_grant(uint16_t domid, uint32_t ref, uint16_t offset, const void *buf,
			 uint16_t len);
int gnttab_copy_from_grant(uint16_t domid, uint32_t ref, uint16_t offset, void *buf,
			   uint16_t len);

/* A batch of copies as grant_table.h describes: the hypercall's result; statuses in ops. */
long gnttab_copy(struct shale_gnttab_copy *ops, unsigned int count);

/* "okay", "bad_gntref", ... for a SHALE_GNTST_* status. */
const char *gnttab_status_name(int status);

#endif /* SHALE_GUEST_GNTTAB_H */
