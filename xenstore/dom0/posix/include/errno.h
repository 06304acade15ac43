/* SPDX-License-Identifier: MIT */
/*
 * errno for code built on dom0's POSIX shim (LMDB, the store core).
 *
 * The values are the classic Unix (Linux) numbers, the same ones
 * include/public/errno.h uses for SHALE_E*, so a value means the same on
 * the host build of the store and in dom0.
 *
 * errno is one global int, not per thread. That is correct here because
 * dom0's threads are cooperative on one vCPU: a thread only loses the CPU
 * when it calls schedule() (directly or by sleeping or waiting), and no
 * shim function does that between setting errno and returning, so the
 * caller reads its own value. Event handlers never touch errno. A caller
 * that yields between a failed call and reading errno must save it first.
 */
#ifndef SHALE_POSIX_ERRNO_H
#define SHALE_POSIX_ERRNO_H

#include <public/errno.h>

extern int errno;

#define EPERM		SHALE_EPERM
#define ENOENT		SHALE_ENOENT
#define ESRCH		SHALE_ESRCH
#define EINTR		SHALE_EINTR
#define EIO		SHALE_EIO
#define ENXIO		6
#define E2BIG		SHALE_E2BIG
#define ENOEXEC		SHALE_ENOEXEC
#define EBADF		SHALE_EBADF
#define EAGAIN		SHALE_EAGAIN
#define EWOULDBLOCK	EAGAIN
#define ENOMEM		SHALE_ENOMEM
#define EACCES		SHALE_EACCES
#define EFAULT		SHALE_EFAULT
#define EBUSY		SHALE_EBUSY
#define EEXIST		SHALE_EEXIST
#define EXDEV		SHALE_EXDEV
#define ENODEV		SHALE_ENODEV
#define ENOTDIR		20
#define EISDIR		SHALE_EISDIR
#define EINVAL		SHALE_EINVAL
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define EFBIG		27
#define ENOSPC		SHALE_ENOSPC
#define ESPIPE		29
#define EROFS		SHALE_EROFS
#define EPIPE		32
#define EDOM		33
#define ERANGE		SHALE_ERANGE
#define EDEADLK		35
#define ENAMETOOLONG	36
#define ENOLCK		37
#define ENOSYS		SHALE_ENOSYS
#define ENOTEMPTY	SHALE_ENOTEMPTY
#define ENODATA		SHALE_ENODATA
#define EOVERFLOW	SHALE_EOVERFLOW
#define EOPNOTSUPP	SHALE_EOPNOTSUPP
#define ENOTSUP		EOPNOTSUPP
#define EISCONN		SHALE_EISCONN
#define ETIMEDOUT	SHALE_ETIMEDOUT
#define ECONNRESET	104
#define EALREADY	SHALE_EALREADY
#define EDQUOT		SHALE_EDQUOT

#endif /* SHALE_POSIX_ERRNO_H */
