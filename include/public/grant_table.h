/* SPDX-License-Identifier: MIT */
/*
 * Grant tables (version 1): how a domain lets another domain map or copy
 * one of its frames, without either trusting the other with more.
 *
 *   long grant_table_op(unsigned int cmd, void *ops, unsigned int count)
 *
 * The granting domain (the granter) owns a table of 8-byte entries,
 * struct shale_grant_entry, in frames it shares with the hypervisor
 * (setup_table gives their mfns; the granter maps them writable in its own
 * page tables). To grant frame F to domain D it writes an entry {frame =
 * F, domid = D}, then, last and with a release barrier, flags =
 * SHALE_GTF_permit_access (| SHALE_GTF_readonly), and passes the entry's
 * index, the grant reference (ref), to D by some channel of its own (a
 * shared ring, the store). D maps the frame with map_grant_ref or copies
 * to or from it with copy. While D has it mapped, the hypervisor keeps
 * SHALE_GTF_reading (any mapping) and SHALE_GTF_writing (a writable one)
 * set in the entry's flags; the granter ends the grant by changing flags
 * from exactly permit_access(|readonly) to 0 with a compare-exchange, which
 * fails while a mapping sets reading or writing (the grant is then still
 * in use and the granter must wait).
 *
 * The hypervisor reads each entry once per operation (one 8-byte load) and
 * sets the in-use bits with an 8-byte compare-exchange against what it
 * read, so an entry changed under it is re-read, never half used. It
 * checks that frame is a frame the granter owns (SHALE_GNTST_bad_page
 * otherwise) and that it is plain data: a frame in use as a page table, or
 * as anything but ordinary memory, cannot be mapped or copied into through
 * a grant. While mapped, a granted frame keeps its type: the granter can
 * neither pin it as a page table nor give it back with decrease_reservation
 * (nor does it go back to the free pool if the granter is destroyed: it
 * is freed when the last mapping goes).
 *
 * Every sub-op takes an array of count structures at ops. count for
 * setup_table and query_size must be 1 (-EINVAL otherwise); for the
 * batched sub-ops (map_grant_ref, unmap_grant_ref, copy) it may be up to
 * SHALE_GNTTAB_MAX_COUNT (-E2BIG beyond; inside a multicall, up to
 * SHALE_MULTICALL_MAX_BATCH, -E2BIG beyond). Each structure carries its
 * own status (SHALE_GNTST_*), written for every structure processed: one
 * failed op does not stop the batch. The hypercall returns 0 when every
 * structure was processed (whatever their statuses), -EFAULT when one
 * could not be read or its status written (the ones before it were
 * processed), -ENOSYS for an unknown cmd. Long batches are split by the
 * hypervisor into bounded steps; the guest sees one call.
 *
 * Sub-ops:
 *   map_grant_ref (0): struct shale_gnttab_map_grant_ref. Maps the frame
 *     that entry ref of domain dom grants to the caller at host_addr in
 *     the caller's current page tables. flags: SHALE_GNTMAP_host_map is
 *     required, SHALE_GNTMAP_readonly asks for a read-only mapping (a
 *     grant with SHALE_GTF_readonly can only be mapped so); no other bit.
 *     host_addr must be page aligned, a guest address, covered by an L1
 *     table that already exists, and not mapped (its L1 entry not
 *     present). The mapping is user-accessible, never executable, and
 *     read-only unless writable was asked and granted. OUT handle names
 *     the mapping for unmap_grant_ref. Mapping the same ref again gives
 *     another handle. A domain may map its own grants.
 *     Statuses: bad_domain (dom is no domain, or a dying one);
 *     bad_gntref (ref beyond dom's table); permission_denied (the entry
 *     does not permit access, names another domain, has flag bits not
 *     defined here, or is read-only and a writable mapping was asked);
 *     bad_page (frame is not a frame of dom's, or cannot be used as plain
 *     data); bad_virt_addr (host_addr as above); general_error (flags
 *     other than host_map and readonly); no_space (the caller has
 *     SHALE_GNTTAB_MAX_MAPS mappings); eagain (the entry kept changing).
 *   unmap_grant_ref (1): struct shale_gnttab_unmap_grant_ref. Removes the
 *     mapping handle made at host_addr, which must still resolve, in the
 *     current page tables, to the entry the mapping wrote; the entry is
 *     cleared (not present). Statuses: bad_handle (no such mapping: never
 *     made, already unmapped, or beyond the table); bad_virt_addr
 *     (host_addr does not hold that mapping).
 *   setup_table (2): struct shale_gnttab_setup_table. Grows dom's table
 *     to nr_frames frames (it starts with none; it never shrinks) and
 *     writes the mfns of the first nr_frames frames to frame_list[].
 *     The frames are zeroed when added. dom is SHALE_DOMID_SELF or the
 *     caller's id (another domain only for a privileged caller: -EPERM /
 *     -ESRCH as for memory_op). Statuses: general_error (nr_frames above
 *     SHALE_GNTTAB_MAX_FRAMES, or out of memory); -EFAULT when frame_list
 *     cannot be written.
 *   copy (5): struct shale_gnttab_copy. Copies len bytes from source to
 *     dest; each side names either a granted frame (SHALE_GNTCOPY_source_gref
 *     / dest_gref in flags: u.ref of domain domid) or one of the caller's
 *     own frames (u.mfn, domid = SHALE_DOMID_SELF). offset + len must not
 *     pass the end of the page on either side. A granted destination must
 *     permit writing; a local destination must be plain data (not a page
 *     table). Statuses: bad_copy_arg (offset + len beyond the page, flag
 *     or pad bits not defined); bad_domain, bad_gntref, permission_denied,
 *     bad_page as for map_grant_ref (a local side whose domid is not
 *     SELF is bad_domain, a local mfn not the caller's is bad_page).
 *   query_size (6): struct shale_gnttab_query_size. OUT nr_frames, the
 *     frames dom's table has, and max_nr_frames; status okay. dom as for
 *     setup_table (-EPERM, -ESRCH).
 *   dump_table (3) and transfer (4) are not implemented: -ENOSYS, as is
 *   every other cmd.
 */
#ifndef SHALE_PUBLIC_GRANT_TABLE_H
#define SHALE_PUBLIC_GRANT_TABLE_H

#include "shale.h"

#define SHALE_GNTTABOP_map_grant_ref	0
#define SHALE_GNTTABOP_unmap_grant_ref	1
#define SHALE_GNTTABOP_setup_table	2
#define SHALE_GNTTABOP_dump_table	3	/* not implemented: -ENOSYS */
#define SHALE_GNTTABOP_transfer		4	/* not implemented: -ENOSYS */
#define SHALE_GNTTABOP_copy		5
#define SHALE_GNTTABOP_query_size	6

#define SHALE_GNTTAB_MAX_FRAMES		32	/* table frames per domain */
#define SHALE_GNTTAB_ENTRIES_PER_FRAME	512	/* 4096 / 8 */
#define SHALE_GNTTAB_MAX_MAPS		4096	/* live mappings (handles) per domain */
#define SHALE_GNTTAB_MAX_COUNT		(1u << 16)	/* structures per call */

#ifndef __ASSEMBLER__
typedef uint32_t shale_grant_ref_t;	/* index into the granter's table */
typedef uint32_t shale_grant_handle_t;	/* a mapping, as map_grant_ref named it */

/*
 * One grant, in the granter's table frames. The granter writes frame and
 * domid, then flags; the hypervisor only ever sets and clears
 * SHALE_GTF_reading and SHALE_GTF_writing, atomically.
 */
struct shale_grant_entry {
	uint16_t flags;		/* granter: SHALE_GTF_*; hypervisor: reading, writing */
	shale_domid_t domid;	/* granter: the domain allowed to use it */
	uint32_t frame;		/* granter: the mfn granted (one of its own frames) */
};	/* 8 bytes */
#endif

/* Entry flags. The type is the low two bits. */
#define SHALE_GTF_invalid		0	/* grants nothing */
#define SHALE_GTF_permit_access		1	/* domid may map or copy frame */
#define SHALE_GTF_type_mask		3	/* 2 and 3 (Xen's transfer types) grant nothing here */
#define SHALE_GTF_readonly		4	/* granter: read access only */
#define SHALE_GTF_reading		8	/* hypervisor: mapped (any access) */
#define SHALE_GTF_writing		16	/* hypervisor: mapped writable */

/* map_grant_ref flags. */
#define SHALE_GNTMAP_host_map		2	/* map at host_addr (required) */
#define SHALE_GNTMAP_readonly		4	/* read-only mapping */

/* copy flags: which sides are grant references. */
#define SHALE_GNTCOPY_source_gref	1
#define SHALE_GNTCOPY_dest_gref		2

/* Per-structure statuses (negative, distinct from the SHALE_E* errnos). */
#define SHALE_GNTST_okay		0
#define SHALE_GNTST_general_error	(-1)
#define SHALE_GNTST_bad_domain		(-2)
#define SHALE_GNTST_bad_gntref		(-3)
#define SHALE_GNTST_bad_handle		(-4)
#define SHALE_GNTST_bad_virt_addr	(-5)
#define SHALE_GNTST_permission_denied	(-8)
#define SHALE_GNTST_bad_page		(-9)
#define SHALE_GNTST_bad_copy_arg	(-10)
#define SHALE_GNTST_eagain		(-12)
#define SHALE_GNTST_no_space		(-13)

#ifndef __ASSEMBLER__
struct shale_gnttab_map_grant_ref {
	uint64_t host_addr;		/* IN: guest virtual address to map at */
	uint32_t flags;			/* IN: SHALE_GNTMAP_* */
	shale_grant_ref_t ref;		/* IN */
	shale_domid_t dom;		/* IN: the granter */
	int16_t status;			/* OUT: SHALE_GNTST_* */
	shale_grant_handle_t handle;	/* OUT: valid when status is okay */
};	/* 24 bytes */

struct shale_gnttab_unmap_grant_ref {
	uint64_t host_addr;		/* IN: where the mapping was made */
	shale_grant_handle_t handle;	/* IN: what map_grant_ref returned */
	int16_t status;			/* OUT */
	uint16_t pad;			/* ignored */
};	/* 16 bytes */

struct shale_gnttab_setup_table {
	shale_domid_t dom;		/* IN: SHALE_DOMID_SELF (privileged: any) */
	uint16_t pad;			/* ignored */
	uint32_t nr_frames;		/* IN: frames wanted, at most SHALE_GNTTAB_MAX_FRAMES */
	uint64_t frame_list;		/* IN: guest address of uint64_t[nr_frames], OUT: mfns */
	int16_t status;			/* OUT */
	uint16_t pad2[3];		/* ignored */
};	/* 24 bytes */

struct shale_gnttab_query_size {
	shale_domid_t dom;		/* IN */
	uint16_t pad;			/* ignored */
	uint32_t nr_frames;		/* OUT: frames the table has now */
	uint32_t max_nr_frames;		/* OUT: SHALE_GNTTAB_MAX_FRAMES */
	int16_t status;			/* OUT */
	uint16_t pad2;			/* ignored */
};	/* 16 bytes */

/* One side of a copy: a grant (ref of domid) or a frame of the caller's (mfn). */
struct shale_gnttab_copy_ptr {
	union {
		shale_grant_ref_t ref;	/* with the side's GNTCOPY_*_gref flag */
		uint64_t mfn;		/* without it: the caller's own frame */
	} u;
	shale_domid_t domid;		/* the granter; SHALE_DOMID_SELF for an mfn */
	uint16_t offset;		/* bytes into the page */
	uint32_t pad;			/* must be 0 */
};	/* 16 bytes */

struct shale_gnttab_copy {
	struct shale_gnttab_copy_ptr source;	/* IN */
	struct shale_gnttab_copy_ptr dest;	/* IN */
	uint16_t len;			/* IN: bytes; offset + len <= 4096 on both sides */
	uint16_t flags;			/* IN: SHALE_GNTCOPY_* */
	int16_t status;			/* OUT */
	uint16_t pad;			/* must be 0 */
};	/* 40 bytes */

_Static_assert(sizeof(struct shale_grant_entry) == 8, "grant entry size");
_Static_assert(__builtin_offsetof(struct shale_grant_entry, frame) == 4, "grant entry frame");
_Static_assert(sizeof(struct shale_gnttab_map_grant_ref) == 24, "map_grant_ref size");
_Static_assert(__builtin_offsetof(struct shale_gnttab_map_grant_ref, status) == 18,
	       "map_grant_ref status");
_Static_assert(sizeof(struct shale_gnttab_unmap_grant_ref) == 16, "unmap_grant_ref size");
_Static_assert(sizeof(struct shale_gnttab_setup_table) == 24, "setup_table size");
_Static_assert(sizeof(struct shale_gnttab_query_size) == 16, "query_size size");
_Static_assert(sizeof(struct shale_gnttab_copy_ptr) == 16, "copy_ptr size");
_Static_assert(sizeof(struct shale_gnttab_copy) == 40, "copy size");
_Static_assert(__builtin_offsetof(struct shale_gnttab_copy, status) == 36, "copy status");
#endif

#endif /* SHALE_PUBLIC_GRANT_TABLE_H */
