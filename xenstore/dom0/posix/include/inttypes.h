/* SPDX-License-Identifier: MIT */
/* <inttypes.h> for code built on dom0's POSIX shim: the printf macros for x86_64. */
#ifndef SHALE_POSIX_INTTYPES_H
#define SHALE_POSIX_INTTYPES_H

#include <stdint.h>

#define PRId32	"d"
#define PRIu32	"u"
#define PRIx32	"x"
#define PRId64	"ld"
#define PRIu64	"lu"
#define PRIx64	"lx"
#define PRIX64	"lX"

#endif /* SHALE_POSIX_INTTYPES_H */
