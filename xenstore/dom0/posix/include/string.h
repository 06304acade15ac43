/* SPDX-License-Identifier: MIT */
/*
 * <string.h> for code built on dom0's POSIX shim: guest-kernel's string
 * functions plus the two POSIX ones that need the heap or errno's names,
 * which is why they live in the shim and not in guest-kernel.
 */
#ifndef SHALE_POSIX_STRING_H
#define SHALE_POSIX_STRING_H

#include_next <string.h>

/* A malloc()ed copy of s (free() it), or NULL with errno ENOMEM. */
char *strdup(const char *s);

/* The message for an errno value; "Unknown error N" (in a static buffer) for others. */
char *strerror(int errnum);

#endif /* SHALE_POSIX_STRING_H */
