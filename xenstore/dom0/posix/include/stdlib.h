/* SPDX-License-Identifier: MIT */
/*
 * <stdlib.h> for code built on dom0's POSIX shim. The heap is
 * guest-kernel's (malloc.h) and strtoul/strtol are its string.h ones; the
 * declarations are repeated here so <stdlib.h> alone is enough.
 */
#ifndef SHALE_POSIX_STDLIB_H
#define SHALE_POSIX_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);

unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
int atoi(const char *s);

/*
 * Only alignments up to the heap's own (16 bytes) are available: a block
 * with a bigger alignment could not be handed to free(). Returns 0,
 * EINVAL (alignment not a power of two multiple of sizeof(void *)),
 * ENOTSUP (alignment above 16) or ENOMEM.
 */
int posix_memalign(void **out, size_t alignment, size_t size);

/* Crashes dom0 with a message: there is no process to kill but the domain. */
__attribute__((noreturn)) void abort(void);

#endif /* SHALE_POSIX_STDLIB_H */
