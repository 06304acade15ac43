/* SPDX-License-Identifier: MIT */
/*
 * The least <errno.h> dom0's C library is promised to have (see string.h):
 * errno and the classic numbers of include/public/errno.h, without the
 * rarer names (EDQUOT, ECONNRESET, EISDIR, ...), so the library's
 * fallbacks for them are compiled too.
 */
#ifndef SHALE_TINYLIBC_ERRNO_H
#define SHALE_TINYLIBC_ERRNO_H

#include <public/errno.h>

extern int errno;

#define EPERM	SHALE_EPERM
#define ENOENT	SHALE_ENOENT
#define ESRCH	SHALE_ESRCH
#define EINTR	SHALE_EINTR
#define EIO	SHALE_EIO
#define E2BIG	SHALE_E2BIG
#define EBADF	SHALE_EBADF
#define EAGAIN	SHALE_EAGAIN
#define ENOMEM	SHALE_ENOMEM
#define EACCES	SHALE_EACCES
#define EFAULT	SHALE_EFAULT
#define EBUSY	SHALE_EBUSY
#define EEXIST	SHALE_EEXIST
#define EINVAL	SHALE_EINVAL
#define ENOSPC	SHALE_ENOSPC
#define ERANGE	SHALE_ERANGE
#define ENOSYS	SHALE_ENOSYS

#endif /* SHALE_TINYLIBC_ERRNO_H */
