/* SPDX-License-Identifier: MIT */
/* The least <stdio.h> dom0's C library is promised to have (see string.h). */
#ifndef SHALE_TINYLIBC_STDIO_H
#define SHALE_TINYLIBC_STDIO_H

#include <stddef.h>

int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* SHALE_TINYLIBC_STDIO_H */
