/* SPDX-License-Identifier: MIT */
/*
 * String and memory helpers. The compiler may emit calls to memcpy,
 * memset, memmove and memcmp even in freestanding code, so these keep
 * their standard names.
 */
#ifndef SHALE_XT_STRING_H
#define SHALE_XT_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Pointer to the first occurrence of needle in hay, or NULL. */
const char *strstr(const char *hay, const char *needle);

#endif /* SHALE_XT_STRING_H */
