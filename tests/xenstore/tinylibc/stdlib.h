/* SPDX-License-Identifier: MIT */
/* The least <stdlib.h> dom0's C library is promised to have (see string.h). */
#ifndef SHALE_TINYLIBC_STDLIB_H
#define SHALE_TINYLIBC_STDLIB_H

#include <stddef.h>

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
unsigned long strtoul(const char *s, char **end, int base);

#endif /* SHALE_TINYLIBC_STDLIB_H */
