/* SPDX-License-Identifier: MIT */
/* <sys/stat.h> for code built on dom0's POSIX shim: fstat() of memory files. */
#ifndef SHALE_POSIX_SYS_STAT_H
#define SHALE_POSIX_SYS_STAT_H

#include <sys/types.h>

#define S_IFMT		0170000
#define S_IFREG		0100000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_IRUSR		0400
#define S_IWUSR		0200
#define S_IRGRP		040
#define S_IWGRP		020
#define S_IROTH		04
#define S_IWOTH		02

struct stat {
	mode_t st_mode;		/* S_IFREG | 0600: every file is regular */
	unsigned long st_nlink;	/* 1 while the name exists, 0 after unlink() */
	off_t st_size;		/* bytes */
	long st_blksize;	/* 4096 */
	long st_blocks;		/* 512-byte units reserved for the data */
};

int fstat(int fd, struct stat *st);

#endif /* SHALE_POSIX_SYS_STAT_H */
