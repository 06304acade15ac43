/* SPDX-License-Identifier: MIT */
/* What console.c (the rings, the thread, the echo) shares with console_attach.c. */
#ifndef SHALE_DOM0_BACKENDS_CONSOLE_PRIV_H
#define SHALE_DOM0_BACKENDS_CONSOLE_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <public/io/console.h>
#include <sched.h>
#include "console.h"

struct cons_guest {
	struct cons_guest *next;	/* sorted by domid */
	uint16_t domid;
	uint64_t serial;		/* tells a later console of the same domid apart */
	struct shale_cons_ring *ring;	/* dom0's mapping of the guest's page */
	uint64_t ring_mfn;
	evtchn_port_t port;		/* dom0's end */
	uint32_t out_cons, in_prod;	/* ours: the page's copies are never read back */
	bool pending;			/* an event came and was not served yet */
	bool broken;
	bool attached;
	/* The history: bytes [hist_start, hist_end) of the output, at hist_end % size. */
	char *hist;			/* CONS_HISTORY_SIZE bytes, allocated at the first output */
	uint64_t hist_start, hist_end;
	/* The echo to the hypervisor console. */
	bool echo_paused;
	uint64_t skipped;		/* bytes not echoed since the echo paused */
	uint64_t echo_tokens;		/* bytes that may be echoed now */
	uint64_t echo_refill_ns;	/* when the tokens were last topped up */
	struct console_backend_info st;	/* counters */
};

/* Woken when an attached guest has new output, and when a console goes away. */
extern struct wait_queue_head cons_attach_wq;

/* The console of domid, or NULL. */
struct cons_guest *cons_find(uint16_t domid);

/* The next echo of g starts a line of its own, prefix and all. */
void cons_echo_fresh_line(struct cons_guest *g);

/* Puts up to len bytes into g's in[]; the rest is counted as dropped. */
void cons_put_input(struct cons_guest *g, const char *buf, size_t len);

#endif /* SHALE_DOM0_BACKENDS_CONSOLE_PRIV_H */
