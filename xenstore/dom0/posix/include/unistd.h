/* SPDX-License-Identifier: MIT */
/*
 * <unistd.h> for code built on dom0's POSIX shim: file descriptors on the
 * memory file system (memfs.h) and a few facts about the "system".
 * Functions return -1 and set errno on failure, as POSIX says.
 */
#ifndef SHALE_POSIX_UNISTD_H
#define SHALE_POSIX_UNISTD_H

#include <sys/types.h>

#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

#define _SC_PAGESIZE	30
#define _SC_PAGE_SIZE	_SC_PAGESIZE

int close(int fd);
ssize_t read(int fd, void *buf, size_t len);
ssize_t write(int fd, const void *buf, size_t len);
ssize_t pread(int fd, void *buf, size_t len, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t len, off_t off);
off_t lseek(int fd, off_t off, int whence);
int ftruncate(int fd, off_t size);
/* Memory is the storage: nothing to flush; they check fd. */
int fsync(int fd);
int fdatasync(int fd);
int unlink(const char *path);

/* dom0 is one process: always the same id. */
pid_t getpid(void);

/* _SC_PAGESIZE only; -1 and EINVAL for any other name. */
long sysconf(int name);

#endif /* SHALE_POSIX_UNISTD_H */
