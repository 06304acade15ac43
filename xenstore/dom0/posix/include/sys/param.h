/* SPDX-License-Identifier: MIT */
/* <sys/param.h> for code built on dom0's POSIX shim: byte order (x86_64 is little-endian). */
#ifndef SHALE_POSIX_SYS_PARAM_H
#define SHALE_POSIX_SYS_PARAM_H

#define LITTLE_ENDIAN	1234
#define BIG_ENDIAN	4321
#define BYTE_ORDER	LITTLE_ENDIAN

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the shim assumes little-endian");

#endif /* SHALE_POSIX_SYS_PARAM_H */
