/* SPDX-License-Identifier: MIT */
/*
 * <sys/mman.h> for code built on dom0's POSIX shim: MAP_SHARED views of
 * memory files. A file's data is one contiguous run of pages, so a
 * mapping is a pointer into it and every write (through write(), pwrite()
 * or the mapping) is seen by all at once, as with a real shared mapping.
 * See memfs.h for how mappings pin the file's place in memory.
 *
 * Not supported (EINVAL): MAP_PRIVATE, MAP_ANONYMOUS, MAP_FIXED,
 * offsets that are not page aligned. Protection is not enforced: dom0's
 * memory is writable through its linear mapping anyway.
 */
#ifndef SHALE_POSIX_SYS_MMAN_H
#define SHALE_POSIX_SYS_MMAN_H

#include <sys/types.h>

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20

#define MAP_FAILED	((void *)-1)

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

#define MADV_NORMAL	0
#define MADV_RANDOM	1

/* Returns the view, or MAP_FAILED with errno (ENOMEM when the pages cannot be reserved). */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
/* addr and len must be exactly a mapping mmap() returned: EINVAL otherwise. */
int munmap(void *addr, size_t len);
/* Nothing to write back; ENOMEM if the range is not inside a mapping. */
int msync(void *addr, size_t len, int flags);
/* Advice is ignored; ENOMEM if the range is not inside a mapping. */
int madvise(void *addr, size_t len, int advice);

#endif /* SHALE_POSIX_SYS_MMAN_H */
