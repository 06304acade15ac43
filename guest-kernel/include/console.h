/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor console, seen from a guest: output for every domain,
 * input for dom0 only (console_io read is privileged).
 */
#ifndef SHALE_GUEST_CONSOLE_H
#define SHALE_GUEST_CONSOLE_H

#include <stddef.h>
#include "compiler.h"
#include "printf.h"

/*
 * Asks the hypervisor which console features it offers (console_read,
 * sched_block) so console_getc_blocking() knows how to wait. Call once,
 * early; the other functions work before it, assuming no features.
 */
void console_init(void);

/*
 * Writes len bytes, in as many hypercalls as needed. Returns len, or a
 * negative SHALE_E* value if the hypervisor refused (bytes before the
 * failing chunk were written).
 */
long console_write(const void *buf, size_t len);

/* console_write() of a NUL-terminated string. */
long console_puts(const char *s);

/*
 * Reads up to len bytes of input that are already there, without waiting.
 * Returns the number read (0 when there is none), or a negative SHALE_E*
 * value (-SHALE_EPERM in a domain that is not privileged).
 */
long console_read(void *buf, size_t len);

/*
 * Waits for one byte of input and returns it (0-255). Blocks the vCPU
 * between polls when the hypervisor supports SCHEDOP_block, else yields.
 * Returns a negative SHALE_E* value if input cannot be read at all.
 */
int console_getc_blocking(void);

/* Kernel messages: printf to the console, for symmetry with Mini-OS and Xen code. */
void printk(const char *fmt, ...) __printf(1, 2);

#endif /* SHALE_GUEST_CONSOLE_H */
