/* SPDX-License-Identifier: MIT */
/* <sys/types.h> for code built on dom0's POSIX shim: the x86_64 Linux widths. */
#ifndef SHALE_POSIX_SYS_TYPES_H
#define SHALE_POSIX_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int64_t off_t;
typedef unsigned int mode_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;

#endif /* SHALE_POSIX_SYS_TYPES_H */
