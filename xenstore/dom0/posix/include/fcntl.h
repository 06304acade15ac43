/* SPDX-License-Identifier: MIT */
/*
 * <fcntl.h> for code built on dom0's POSIX shim: open() on the memory file
 * system and fcntl()'s descriptor flags and record locks.
 *
 * Record locks: dom0 is one process, and POSIX locks never conflict with
 * locks of the same process, so every F_SETLK/F_SETLKW is granted and
 * F_GETLK always answers F_UNLCK. That is the exact POSIX behaviour for a
 * single process, which is what LMDB's lock file needs.
 */
#ifndef SHALE_POSIX_FCNTL_H
#define SHALE_POSIX_FCNTL_H

#include <sys/types.h>

#define O_RDONLY	00
#define O_WRONLY	01
#define O_RDWR		02
#define O_ACCMODE	03
#define O_CREAT		0100
#define O_EXCL		0200
#define O_TRUNC		01000
#define O_APPEND	02000
/* Accepted and ignored: writes are synchronous already, nothing is exec'ed. */
#define O_DSYNC		010000
#define O_SYNC		04010000
#define O_CLOEXEC	02000000

#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7

#define FD_CLOEXEC	1

#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

struct flock {
	short l_type;
	short l_whence;
	off_t l_start;
	off_t l_len;
	pid_t l_pid;
};

/*
 * Opens path (a flat name: no directories) with O_RDONLY/O_WRONLY/O_RDWR
 * and O_CREAT, O_EXCL, O_TRUNC, O_APPEND; mode is ignored (no owners or
 * permissions). Returns the descriptor, or -1 with errno.
 */
int open(const char *path, int flags, ...);

int fcntl(int fd, int cmd, ...);

#endif /* SHALE_POSIX_FCNTL_H */
