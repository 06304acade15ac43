/* SPDX-License-Identifier: MIT */
/*
 * The console, seen from a guest. A domU that start_info gives a console
 * ring (console_mfn, console_evtchn: every domain `shl` creates) writes
 * to and reads from that ring once console_connect() has run; dom0's
 * console backend shows the output and feeds the input. Everything else
 * uses the hypervisor console (console_io): dom0 (output, and input
 * through VIRQ_CONSOLE), domains with no ring (output only), every domain
 * before console_connect() and after console_panic().
 */
#ifndef SHALE_GUEST_CONSOLE_H
#define SHALE_GUEST_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "printf.h"

struct wait_queue_head;

/*
 * Asks the hypervisor which console features it offers (console_read,
 * sched_block) so console_getc_blocking() knows how to wait. Call once,
 * early; the other functions work before it, assuming no features.
 */
void console_init(void);

/*
 * Writes len bytes to the console: into the ring (waiting while it is
 * full: a thread sleeps until dom0 makes room; other contexts poll the
 * event channel for a bounded time, then write the rest to the hypervisor
 * console), or to the hypervisor console in as many hypercalls as needed.
 * Returns len, or a negative SHALE_E* value if the hypervisor refused
 * (bytes before the failing chunk were written).
 */
long console_write(const void *buf, size_t len);

/*
 * Writes straight to the hypervisor console (console_io), ring or not:
 * for early or emergency messages that must not wait for dom0. The
 * hypervisor prefixes a domU's lines with "(dN) ". Same returns as
 * console_write().
 */
long console_emergency_write(const void *buf, size_t len);

/*
 * Waits (one second at most) until dom0 has taken everything written to
 * the ring, so what follows on the hypervisor console comes after it.
 * guest_poweroff() and guest_reboot() call it. No-op without a ring.
 */
void console_flush(void);

/*
 * The domain is going down: console_flush(), then every later write goes
 * to the hypervisor console. Called by guest_crash() and fatal
 * exceptions. Idempotent.
 */
void console_panic(void);

/* console_write() of a NUL-terminated string. */
long console_puts(const char *s);

/*
 * Reads up to len bytes of input that are already there, without waiting
 * (from the ring's in[] in a domU that has one). Returns the number read
 * (0 when there is none), or a negative SHALE_E* value (-SHALE_EPERM in an
 * unprivileged domain without a ring, -SHALE_EIO when the ring broke).
 */
long console_read(void *buf, size_t len);

/*
 * Hooks the console to events. dom0: binds VIRQ_CONSOLE so input wakes
 * the readers below. A domU with a console ring: checks the ring frame
 * and binds console_evtchn; output and input use the ring from then on
 * (on a bad frame or port it says so and stays on the hypervisor
 * console). Called by start_kernel() after mm_init() and events_init().
 */
void console_connect(void);

/* True when output and input go through the console ring. */
bool console_has_ring(void);

/*
 * Waits for one byte of input and returns it (0-255). The calling thread
 * sleeps on a wait queue that the VIRQ_CONSOLE handler (dom0) or the
 * console ring's event (a domU) wakes; before threads run, it polls,
 * blocking the vCPU between polls. A domain with neither (unprivileged,
 * no ring) gets one line saying so and -SHALE_EPERM at once. Other
 * negative SHALE_E* values: input cannot be read at all.
 */
int console_getc_blocking(void);

/*
 * dom0: one byte of input if there is one (0-255), else -SHALE_EAGAIN;
 * -SHALE_EPERM without VIRQ_CONSOLE input. console_input_pending() says
 * whether a byte is there without taking it. With console_input_waitq(),
 * the wait queue that input wakes, a thread can wait for input and
 * something else at once (`shl console`).
 */
int console_getc_nowait(void);
bool console_input_pending(void);
struct wait_queue_head *console_input_waitq(void);

/* VIRQ_CONSOLE's port (or the bind error) and how many input events it brought. */
void console_input_stats(long *port, unsigned long *events);

/* Kernel messages: printf to the console, for symmetry with Mini-OS and Xen code. */
void printk(const char *fmt, ...) __printf(1, 2);

#endif /* SHALE_GUEST_CONSOLE_H */
