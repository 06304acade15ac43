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
 * dom0: binds VIRQ_CONSOLE so input wakes the readers below. Does nothing
 * in an unprivileged domain. Called by start_kernel() after events_init().
 */
void console_input_init(void);

/*
 * Waits for one byte of input and returns it (0-255). The calling thread
 * sleeps on a wait queue that the VIRQ_CONSOLE handler wakes (the vCPU
 * blocks when no thread can run); before threads run, it polls, blocking
 * the vCPU between polls. Only dom0 has console input: in any other
 * domain it prints one line saying so and returns -SHALE_EPERM at once.
 * Other negative SHALE_E* values: input cannot be read at all.
 */
int console_getc_blocking(void);

/* VIRQ_CONSOLE's port (or the bind error) and how many input events it brought. */
void console_input_stats(long *port, unsigned long *events);

/* Kernel messages: printf to the console, for symmetry with Mini-OS and Xen code. */
void printk(const char *fmt, ...) __printf(1, 2);

#endif /* SHALE_GUEST_CONSOLE_H */
