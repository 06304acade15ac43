/* SPDX-License-Identifier: MIT */
/* <sys/uio.h> for code built on dom0's POSIX shim: gathered writes to memory files. */
#ifndef SHALE_POSIX_SYS_UIO_H
#define SHALE_POSIX_SYS_UIO_H

#include <sys/types.h>

struct iovec {
	void *iov_base;
	size_t iov_len;
};

/* At the descriptor's offset, which moves on; at most IOV_MAX pieces. -1 and errno on error. */
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t readv(int fd, const struct iovec *iov, int iovcnt);

#endif /* SHALE_POSIX_SYS_UIO_H */
