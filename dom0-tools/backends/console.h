/* SPDX-License-Identifier: MIT */
/*
 * The console backend: dom0's side of every guest's PV console ring
 * (include/public/io/console.h), in the spirit of Xen's xenconsoled.
 *
 * For each guest added it maps the ring page, binds an event channel to
 * the guest's console port and, from one dom0 thread ("consoled"), moves
 * the guest's output out of out[] (at most one ring's worth per turn,
 * yielding to other threads between guests) into a per-guest history of
 * CONS_HISTORY_SIZE bytes (the oldest bytes are dropped and counted when
 * it is full). Input goes the other way, into in[], from `shl console`.
 *
 * Where the output shows: while `shl console` is attached to a guest,
 * raw on dom0's terminal; otherwise it is echoed to the hypervisor
 * console, each line prefixed "(dN) " as the hypervisor prefixes a
 * domU's own console_io output, at most CONS_ECHO_RATE bytes a second
 * after a burst of CONS_ECHO_BURST (a flooding guest cannot flood the
 * serial line: its echo pauses with one note, and resumes at a line
 * start with the count of bytes it skipped; the history has them all).
 *
 * Ring indices are checked on every use: a guest whose producer index is
 * more than a ring ahead of the consumer has a broken ring; it is logged
 * once and that ring is not used again (nothing outside the arrays is
 * ever read). All functions return 0 or a negative SHALE_E* value.
 */
#ifndef SHALE_DOM0_BACKENDS_CONSOLE_H
#define SHALE_DOM0_BACKENDS_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>
#include <events.h>

#define CONS_HISTORY_SIZE	(16 * 1024)	/* bytes of output kept per guest */
#define CONS_ECHO_BURST		8192		/* bytes echoed at once, at most */
#define CONS_ECHO_RATE		2048		/* then bytes per second */
#define CONS_ESCAPE		0x1d		/* Ctrl-]: ends `shl console` */

/*
 * Starts serving domid's console: maps its ring frame ring_mfn (writable,
 * a foreign mapping) and binds a dom0 port to the guest's port
 * remote_port; *local_port receives dom0's end. The first call starts the
 * backend thread. -SHALE_EEXIST when domid has a console already, and
 * the mapping's or the bind's error (nothing is left behind).
 */
int console_backend_add(uint16_t domid, uint64_t ring_mfn, evtchn_port_t remote_port,
			evtchn_port_t *local_port);

/*
 * As console_backend_add(), with the ring frame and the guest's port read
 * from the store, where the toolstack put them for the domain:
 * /local/domain/<domid>/console/ring-ref and .../port (console_store.c).
 * -SHALE_ENODEV without a store, -SHALE_ENOENT or -SHALE_EINVAL when the
 * entries are missing or not numbers.
 */
int console_backend_add_from_store(uint16_t domid, evtchn_port_t *local_port);

/*
 * Stops serving domid's console: takes what the ring still holds (one
 * ring's worth at most), closes dom0's port, unmaps the ring and forgets
 * the history; an attached `shl console` ends. Call it before the domain
 * is destroyed, so no frame of it stays mapped. Nothing happens if domid
 * has no console here.
 */
void console_backend_remove(uint16_t domid);

/*
 * Attaches dom0's terminal to domid's console: prints the history, then
 * output as it comes, and passes typed bytes to the guest's in[] (those
 * that find it full are dropped and counted) until Ctrl-] (CONS_ESCAPE)
 * is typed or the console goes away. Runs in the calling thread, which
 * must be the one that reads dom0's console input. Returns 0 after
 * Ctrl-], -SHALE_ESRCH if domid has no console (or it went away while
 * attached), -SHALE_EBUSY if another attach holds it, -SHALE_EPERM without
 * console input.
 */
int console_backend_attach(uint16_t domid);

/* One guest console, for listings and benchmarks. */
struct console_backend_info {
	uint16_t domid;
	evtchn_port_t port;		/* dom0's end */
	uint64_t ring_mfn;
	uint64_t bytes_out;		/* output taken from the ring */
	uint64_t bytes_in;		/* input put into the ring */
	uint64_t in_dropped;		/* input bytes that found in[] full */
	uint64_t dropped;		/* output bytes pushed out of the full history */
	uint64_t buffered;		/* bytes in the history now */
	uint64_t not_echoed;		/* output skipped by the echo's rate limit */
	uint64_t first_ns, last_ns;	/* system time of the first and latest output */
	uint64_t turns;			/* times the thread served this guest */
	bool attached, echo_paused, broken;
};

/* domid's console: 0, or -SHALE_ESRCH. */
int console_backend_info(uint16_t domid, struct console_backend_info *out);

/*
 * Fills up to max entries, lowest domid first; returns how many guest
 * consoles there are (which may be more than max).
 */
unsigned int console_backend_list(struct console_backend_info *out, unsigned int max);

#endif /* SHALE_DOM0_BACKENDS_CONSOLE_H */
