/* SPDX-License-Identifier: MIT */
/* The shim's descriptor table, as other parts of the shim (mmap) need it. */
#ifndef SHALE_POSIX_FD_H
#define SHALE_POSIX_FD_H

#include <stdbool.h>

struct memfs_file;

/* The file behind an open descriptor and its access mode, or NULL (bad fd). */
struct memfs_file *fd_file(int fd, bool *readable, bool *writable);

#endif /* SHALE_POSIX_FD_H */
