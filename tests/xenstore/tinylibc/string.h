/* SPDX-License-Identifier: MIT */
/*
 * The least <string.h> dom0's C library is promised to have: the portable
 * part of xenstore/lib/ is compiled against these headers alone.
 */
#ifndef SHALE_TINYLIBC_STRING_H
#define SHALE_TINYLIBC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *dst, const char *src);

#endif /* SHALE_TINYLIBC_STRING_H */
