/* SPDX-License-Identifier: MIT */
/* mmap() and friends: MAP_SHARED views of memory files (memfs.h). */
#include <errno.h>
#include <sys/mman.h>
#include "fd.h"
#include "memfs.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	bool readable, writable;
	struct memfs_file *f;
	void *view;
	int err;

	/* addr is only a hint (LMDB checks what it got): it is ignored. */
	if (flags != MAP_SHARED || off < 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	f = fd_file(fd, &readable, &writable);
	if (!f) {
		errno = EBADF;
		return MAP_FAILED;
	}
	if (!readable || ((prot & PROT_WRITE) && !writable)) {
		errno = EACCES;
		return MAP_FAILED;
	}
	view = memfs_map(f, (uint64_t)off, len, &err);
	if (!view) {
		errno = err == -EFBIG ? ENOMEM : -err;
		return MAP_FAILED;
	}
	return view;
}

int munmap(void *addr, size_t len)
{
	int rc = memfs_unmap(addr, len);

	if (rc) {
		errno = -rc;
		return -1;
	}
	return 0;
}

int msync(void *addr, size_t len, int flags)
{
	int rc;

	if ((flags & MS_SYNC) && (flags & MS_ASYNC)) {
		errno = EINVAL;
		return -1;
	}
	rc = memfs_check_mapped(addr, len);
	if (rc) {
		errno = -rc;
		return -1;
	}
	return 0;
}

int madvise(void *addr, size_t len, int advice)
{
	int rc = memfs_check_mapped(addr, len);

	if (rc) {
		errno = -rc;
		return -1;
	}
	return 0;
}
