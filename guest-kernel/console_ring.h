/* SPDX-License-Identifier: MIT */
/*
 * The PV console frontend (include/public/io/console.h), private to
 * console.c: a domU that start_info gives a console ring writes its output
 * to out[] and reads its input from in[]; dom0's console backend does the
 * rest. console.c decides when the ring is used and when the hypervisor
 * console is (before the ring is connected, after a panic).
 */
#ifndef SHALE_GUEST_CONSOLE_RING_H
#define SHALE_GUEST_CONSOLE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Connects to start_info's console ring: checks that the frame is one of
 * ours below first_free_pfn (so the page allocator never hands it out),
 * binds console_evtchn. Returns 0, -SHALE_ENODEV when start_info has no
 * ring, -SHALE_EINVAL for a frame or port that cannot be the ring's.
 * Needs mm_init() and events_init().
 */
int cons_ring_connect(void);

/* True once connected and as long as the ring has not been found broken. */
bool cons_ring_usable(void);

/*
 * Puts len bytes into out[] and notifies dom0. A thread that may sleep
 * waits on a wait queue while the ring is full (woken by dom0's event);
 * anything else (before threads, the idle loop, event handlers, upcalls
 * masked) polls the event channel, for CONS_RING_POLL_NS at most. Returns
 * how many bytes went in: fewer than len only when the ring broke or the
 * poll gave up (the caller writes the rest elsewhere).
 */
size_t cons_ring_write(const char *buf, size_t len);

/* Takes up to len bytes of input from in[] without waiting: the count, or -SHALE_EIO. */
long cons_ring_read(void *buf, size_t len);

/* Waits for a byte of input and returns it, or -SHALE_EIO if the ring broke. */
int cons_ring_getc(void);

/*
 * Waits until dom0 has consumed all of out[] (or timeout_ns passed, or the
 * ring broke), polling the event channel: usable anywhere, even with
 * upcalls masked. Returns true when everything was consumed.
 */
bool cons_ring_flush(uint64_t timeout_ns);

/* How long a writer that cannot sleep waits for room before giving up. */
#define CONS_RING_POLL_NS	(2000ULL * 1000 * 1000)

struct cons_ring_stats {
	uint64_t bytes_out;	/* bytes put into out[] */
	uint64_t bytes_in;	/* bytes taken from in[] */
	uint64_t full_waits;	/* times a writer found out[] full */
	uint32_t port;		/* console_evtchn */
	bool broken;
};

void cons_ring_get_stats(struct cons_ring_stats *st);

#endif /* SHALE_GUEST_CONSOLE_RING_H */
