/* SPDX-License-Identifier: MIT */
/*
 * The string and memory functions of the guest kernel (there is no libc).
 *
 * Found before any system header because build.mk puts this directory
 * first and passes -nostdinc, so code shared with the hypervisor and the
 * host (for example dom0-tools/lib/ustar.c) gets these with <string.h>.
 */
#ifndef SHALE_GUEST_STRING_H
#define SHALE_GUEST_STRING_H

#include <stddef.h>

/* Memory: the usual C semantics; memmove handles overlap, memcpy must not be given any. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/* First byte equal to (unsigned char)c in s[0..n), or NULL. */
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
/* Length of s, but at most max: never reads s[max] or beyond. */
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* First (strchr) or last (strrchr) c in s, the NUL included; NULL if absent. */
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

/* Unbounded copy: only for sources whose length is known to fit. */
char *strcpy(char *dst, const char *src);
/*
 * Copies at most size - 1 bytes and always NUL-terminates when size > 0.
 * Returns strlen(src): a result >= size means the copy was truncated.
 */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Appends like strlcpy; returns the length it tried to create. */
size_t strlcat(char *dst, const char *src, size_t size);

/*
 * Parses an unsigned number after optional spaces and '+': base 0 takes a
 * 0x (hex) or 0 (octal) prefix, else decimal; bases 2-36 otherwise. Sets
 * *end (if end is non-NULL) to the first unparsed character, or to s when
 * no digit was found. Saturates at ULONG_MAX on overflow.
 */
unsigned long strtoul(const char *s, char **end, int base);
/* As strtoul, with an optional '-' (the value is negated, C style). */
long strtol(const char *s, char **end, int base);

#endif /* SHALE_GUEST_STRING_H */
