/* SPDX-License-Identifier: MIT */
/* File descriptors over the memory file system: open, read/write, seek, truncate, fcntl. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <limits.h>
#include <unistd.h>
#include "fd.h"
#include "memfs.h"

/* 0-2 are the standard streams' numbers: never handed out, so never confused with them. */
#define FD_FIRST	3
#define FD_MAX		64

struct fd_entry {
	struct memfs_file *file;	/* NULL: slot free */
	int flags;			/* access mode, O_APPEND, ignored status flags */
	bool cloexec;
	uint64_t offset;
};

static struct fd_entry fds[FD_MAX];

/* errno = -rc and -1 for a negative rc; rc otherwise. */
static long posix_result(long rc)
{
	if (rc < 0) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

static struct fd_entry *lookup(int fd)
{
	if (fd < FD_FIRST || fd >= FD_MAX || !fds[fd].file)
		return NULL;
	return &fds[fd];
}

static bool can_read(const struct fd_entry *e)
{
	return (e->flags & O_ACCMODE) != O_WRONLY;
}

static bool can_write(const struct fd_entry *e)
{
	return (e->flags & O_ACCMODE) != O_RDONLY;
}

struct memfs_file *fd_file(int fd, bool *readable, bool *writable)
{
	struct fd_entry *e = lookup(fd);

	if (!e)
		return NULL;
	*readable = can_read(e);
	*writable = can_write(e);
	return e->file;
}

static int open_flags_to_memfs(int flags, unsigned int *out)
{
	unsigned int m = 0;

	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		m = MEMFS_READ;
		break;
	case O_WRONLY:
		m = MEMFS_WRITE;
		break;
	case O_RDWR:
		m = MEMFS_READ | MEMFS_WRITE;
		break;
	default:
		return -EINVAL;
	}
	if (flags & O_CREAT)
		m |= MEMFS_CREATE;
	if (flags & O_EXCL)
		m |= MEMFS_EXCL;
	if (flags & O_TRUNC)
		m |= MEMFS_TRUNC;
	*out = m;
	return 0;
}

static int free_slot(void)
{
	int fd;

	for (fd = FD_FIRST; fd < FD_MAX; fd++)
		if (!fds[fd].file)
			return fd;
	return -EMFILE;
}

int open(const char *path, int flags, ...)
{
	struct memfs_file *f;
	unsigned int mflags;
	int fd, rc;

	rc = open_flags_to_memfs(flags, &mflags);
	if (rc)
		return (int)posix_result(rc);
	fd = free_slot();
	if (fd < 0)
		return (int)posix_result(fd);
	rc = memfs_open(path, mflags, &f);
	if (rc)
		return (int)posix_result(rc);
	fds[fd] = (struct fd_entry){
		.file = f,
		.flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC),
		.cloexec = (flags & O_CLOEXEC) != 0,
	};
	return fd;
}

int close(int fd)
{
	struct fd_entry *e = lookup(fd);

	if (!e)
		return (int)posix_result(-EBADF);
	memfs_close(e->file);
	e->file = NULL;
	return 0;
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	struct fd_entry *e = lookup(fd);

	if (!e || !can_read(e))
		return posix_result(-EBADF);
	if (off < 0)
		return posix_result(-EINVAL);
	return posix_result(memfs_read(e->file, buf, len, (uint64_t)off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	struct fd_entry *e = lookup(fd);

	if (!e || !can_write(e))
		return posix_result(-EBADF);
	if (off < 0)
		return posix_result(-EINVAL);
	return posix_result(memfs_write(e->file, buf, len, (uint64_t)off));
}

ssize_t read(int fd, void *buf, size_t len)
{
	struct fd_entry *e = lookup(fd);
	ssize_t n = pread(fd, buf, len, e ? (off_t)e->offset : 0);

	if (n > 0)
		e->offset += (uint64_t)n;
	return n;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	struct fd_entry *e = lookup(fd);
	ssize_t n;

	if (e && (e->flags & O_APPEND))
		e->offset = memfs_size(e->file);
	n = pwrite(fd, buf, len, e ? (off_t)e->offset : 0);
	if (n > 0)
		e->offset += (uint64_t)n;
	return n;
}

/* Each piece in turn; stops at the first error (reported only if nothing was written). */
static ssize_t transfer_vector(int fd, const struct iovec *iov, int iovcnt, bool writing)
{
	ssize_t total = 0, n;
	int i;

	if (!lookup(fd))
		return posix_result(-EBADF);
	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return posix_result(-EINVAL);
	for (i = 0; i < iovcnt; i++) {
		if (writing)
			n = write(fd, iov[i].iov_base, iov[i].iov_len);
		else
			n = read(fd, iov[i].iov_base, iov[i].iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return total;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return transfer_vector(fd, iov, iovcnt, true);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return transfer_vector(fd, iov, iovcnt, false);
}

off_t lseek(int fd, off_t off, int whence)
{
	struct fd_entry *e = lookup(fd);
	int64_t base;

	if (!e)
		return posix_result(-EBADF);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)e->offset;
		break;
	case SEEK_END:
		base = (int64_t)memfs_size(e->file);
		break;
	default:
		return posix_result(-EINVAL);
	}
	/* Offsets stay within [0, MEMFS_FILE_MAX], so the sum cannot overflow. */
	if (off > (off_t)MEMFS_FILE_MAX || off < -(off_t)MEMFS_FILE_MAX)
		return posix_result(-EOVERFLOW);
	if (base + off < 0)
		return posix_result(-EINVAL);
	if (base + off > (off_t)MEMFS_FILE_MAX)
		return posix_result(-EOVERFLOW);
	e->offset = (uint64_t)(base + off);
	return (off_t)e->offset;
}

int ftruncate(int fd, off_t size)
{
	struct fd_entry *e = lookup(fd);

	if (!e || !can_write(e))
		return (int)posix_result(-EBADF);
	if (size < 0)
		return (int)posix_result(-EINVAL);
	return (int)posix_result(memfs_truncate(e->file, (uint64_t)size));
}

int fstat(int fd, struct stat *st)
{
	struct fd_entry *e = lookup(fd);

	if (!e)
		return (int)posix_result(-EBADF);
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFREG | S_IRUSR | S_IWUSR;
	st->st_nlink = memfs_linked(e->file) ? 1 : 0;
	st->st_size = (off_t)memfs_size(e->file);
	st->st_blksize = MEMFS_PAGE_SIZE;
	st->st_blocks = (long)(memfs_reserved(e->file) / 512);
	return 0;
}

int fsync(int fd)
{
	return lookup(fd) ? 0 : (int)posix_result(-EBADF);
}

int fdatasync(int fd)
{
	return fsync(fd);
}

int unlink(const char *path)
{
	return (int)posix_result(memfs_unlink(path));
}

/* Record locks: one process, so every lock is granted and none is ever in the way. */
static int record_lock(int cmd, struct flock *lk)
{
	if (!lk)
		return (int)posix_result(-EFAULT);
	if (lk->l_type != F_RDLCK && lk->l_type != F_WRLCK && lk->l_type != F_UNLCK)
		return (int)posix_result(-EINVAL);
	if (cmd == F_GETLK)
		lk->l_type = F_UNLCK;
	return 0;
}

int fcntl(int fd, int cmd, ...)
{
	struct fd_entry *e = lookup(fd);
	va_list ap;
	int arg;
	void *ptr;

	if (!e)
		return (int)posix_result(-EBADF);
	va_start(ap, cmd);
	switch (cmd) {
	case F_GETFD:
		va_end(ap);
		return e->cloexec ? FD_CLOEXEC : 0;
	case F_SETFD:
		arg = va_arg(ap, int);
		va_end(ap);
		e->cloexec = (arg & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		va_end(ap);
		return e->flags;
	case F_SETFL:
		/* Only O_APPEND can change; the access mode cannot. */
		arg = va_arg(ap, int);
		va_end(ap);
		e->flags = (e->flags & ~O_APPEND) | (arg & O_APPEND);
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		ptr = va_arg(ap, void *);
		va_end(ap);
		return record_lock(cmd, ptr);
	default:
		va_end(ap);
		return (int)posix_result(-EINVAL);
	}
}
