/* SPDX-License-Identifier: MIT */
/*
 * The memory file system under dom0's POSIX shim: named files whose data
 * lives in dom0's memory, enough for LMDB (a data file mapped MAP_SHARED
 * and written with pwrite, and its lock file).
 *
 * A file's data is one contiguous, page-aligned run of pages (its
 * reservation). Bytes past the file's size up to the end of the
 * reservation are always zero, so a file that grows reads zeros in the
 * new part. A mapping is a pointer into the reservation, so a mapping and
 * reads/writes on descriptors always see the same bytes, as MAP_SHARED
 * promises. (One difference: a store through a mapping past the end of
 * the file is not thrown away, it shows if the file later grows over it;
 * a real system would discard it or fault.)
 *
 * While a file is mapped its reservation cannot move: mapping reserves
 * (at once, zeroed) every page the mapping covers, and a write or
 * truncate that needs more than the reservation then fails with ENOSPC.
 * Unmapped, a file grows by moving to a bigger run (doubling, so
 * sequential writes stay linear). This is how LMDB's map size becomes the
 * file's room: mdb_env_open() maps the data file with the map size, and
 * LMDB itself refuses (MDB_MAP_FULL) to use pages past it.
 *
 * Names are flat strings (a '/' is just a character: there are no
 * directories), at most MEMFS_NAME_MAX bytes. There are no owners,
 * permissions or times. A file lives while it has a name, an open
 * reference or a mapping; unlink() removes the name only.
 *
 * Functions return 0 (or a count) or a negative errno value. The code is
 * plain C with no dom0 dependency except the page source below, so it
 * also builds on the host for unit tests.
 */
#ifndef SHALE_POSIX_MEMFS_H
#define SHALE_POSIX_MEMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MEMFS_PAGE_SIZE		4096UL
#define MEMFS_NAME_MAX		255
/* No file grows past this (the largest offset+length LMDB can ask for in dom0). */
#define MEMFS_FILE_MAX		(1UL << 32)

/*
 * The LMDB map size dom0 code should set (mdb_env_set_mapsize()) for its
 * store: the data file reserves this much of dom0's memory, contiguous,
 * as soon as the environment is open. 16 MiB holds several thousand
 * store nodes at the largest value size and leaves most of dom0's
 * default 128 MiB (dom0_mem) to everything else; LMDB also takes about
 * 3 MiB of heap per open environment for its page lists.
 */
#define MEMFS_LMDB_MAPSIZE	(16UL << 20)

/* memfs_open() flags. */
#define MEMFS_READ		0x01
#define MEMFS_WRITE		0x02
#define MEMFS_CREATE		0x04	/* create if missing */
#define MEMFS_EXCL		0x08	/* with CREATE: fail with EEXIST if it exists */
#define MEMFS_TRUNC		0x10	/* cut to size 0 (needs WRITE) */

struct memfs_file;

/*
 * Opens name, taking a reference (drop it with memfs_close()). Errors:
 * -EINVAL (empty name, neither READ nor WRITE, TRUNC without WRITE),
 * -ENAMETOOLONG, -ENOENT (missing and no CREATE), -EEXIST (CREATE|EXCL
 * and it exists), -ENOMEM.
 */
int memfs_open(const char *name, unsigned int flags, struct memfs_file **out);

/* Drops a reference from memfs_open(); frees the file if nothing holds it any more. */
void memfs_close(struct memfs_file *f);

/* Removes the name (open references and mappings keep the data). -ENOENT if absent. */
int memfs_unlink(const char *name);

/* Copies up to len bytes from off; returns the count (0 at or past the end). */
long memfs_read(struct memfs_file *f, void *buf, size_t len, uint64_t off);

/*
 * Writes len bytes at off, growing the file (the gap, if any, reads as
 * zeros). Returns len, or -EFBIG (past MEMFS_FILE_MAX), -ENOSPC (no pages
 * for the growth, or growth past the reservation of a mapped file).
 */
long memfs_write(struct memfs_file *f, const void *buf, size_t len, uint64_t off);

/* Sets the size; a cut part is zeroed. Errors as memfs_write(). */
int memfs_truncate(struct memfs_file *f, uint64_t size);

uint64_t memfs_size(const struct memfs_file *f);

/* Bytes reserved for the data (a multiple of MEMFS_PAGE_SIZE). */
uint64_t memfs_reserved(const struct memfs_file *f);

/* True while the file has a name. */
bool memfs_linked(const struct memfs_file *f);

/*
 * A shared view of [off, off + len) (off page aligned, len > 0): reserves
 * up to there first, then pins the reservation until the view is
 * unmapped. The view stays valid after memfs_close(). Returns NULL with
 * *err = -EINVAL (bad off/len), -EFBIG or -ENOMEM (no pages, or the file
 * would have to move while another view pins it).
 */
void *memfs_map(struct memfs_file *f, uint64_t off, size_t len, int *err);

/* Removes a view: addr and len exactly as mapped. -EINVAL otherwise. */
int memfs_unmap(void *addr, size_t len);

/* 0 when [addr, addr + len) lies inside one view, else -ENOMEM (msync's error). */
int memfs_check_mapped(const void *addr, size_t len);

struct memfs_stats {
	unsigned long files;		/* alive: named, open or mapped */
	unsigned long mappings;
	uint64_t bytes;			/* sum of file sizes */
	unsigned long pages;		/* sum of reservations */
};

void memfs_get_stats(struct memfs_stats *st);

/*
 * Where pages come from: n contiguous, page-aligned pages, or NULL (dom0:
 * backing.c over the page allocator; host tests: their own). The memory
 * need not be zeroed.
 */
void *memfs_pages_alloc(unsigned long n);
void memfs_pages_free(void *p, unsigned long n);

#endif /* SHALE_POSIX_MEMFS_H */
