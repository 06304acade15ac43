/* SPDX-License-Identifier: MIT */
/* The console backend: guests' rings, the thread that drains them, the history and the echo. */
#include <console.h>
#include <malloc.h>
#include <pagetable.h>
#include <printf.h>
#include <public/errno.h>
#include <string.h>
#include <time.h>
#include "console_priv.h"

static struct cons_guest *guests;
static unsigned int nr_guests;
static uint64_t next_serial = 1;
static struct thread *backend_thread;
static volatile bool work_pending;
static DECLARE_WAIT_QUEUE_HEAD(work_wq);
DECLARE_WAIT_QUEUE_HEAD(cons_attach_wq);

/* One turn's bytes: at most a whole out[], copied here before anything looks at them. */
static char chunk[SHALE_CONS_OUT_SIZE];

struct cons_guest *cons_find(uint16_t domid)
{
	for (struct cons_guest *g = guests; g; g = g->next)
		if (g->domid == domid)
			return g;
	return NULL;
}

/* A ring whose indices cannot be right: said once, then never touched again. */
static void ring_broken(struct cons_guest *g, const char *which, uint32_t prod, uint32_t cons,
			uint32_t size)
{
	if (g->broken)
		return;
	g->broken = true;
	g->st.broken = true;
	printf("console: d%u: ring broken (%s: producer %u, consumer %u, size %u); "
	       "its console is no longer read\n", g->domid, which, prod, cons, size);
	wake_up(&cons_attach_wq);
}

static void on_event(evtchn_port_t port, void *data)
{
	struct cons_guest *g = data;

	g->pending = true;
	work_pending = true;
	wake_up(&work_wq);
}

/* The history keeps the newest CONS_HISTORY_SIZE bytes; older ones are counted as dropped. */
static void history_append(struct cons_guest *g, const char *s, size_t n)
{
	if (!g->hist) {
		g->hist = malloc(CONS_HISTORY_SIZE);
		if (!g->hist) {
			g->st.dropped += n;
			return;
		}
	}
	for (size_t done = 0; done < n;) {
		size_t at = g->hist_end % CONS_HISTORY_SIZE;
		size_t len = MIN(n - done, CONS_HISTORY_SIZE - at);

		memcpy(g->hist + at, s + done, len);
		g->hist_end += len;
		done += len;
	}
	if (g->hist_end - g->hist_start > CONS_HISTORY_SIZE) {
		uint64_t start = g->hist_end - CONS_HISTORY_SIZE;

		g->st.dropped += start - g->hist_start;
		g->hist_start = start;
	}
}

/* Echo output is gathered, prefixes and all, so a line costs one hypercall. */
struct echo_buf {
	char text[1024];
	size_t used;
};

static void echo_flush(struct echo_buf *e)
{
	console_write(e->text, e->used);
	e->used = 0;
}

static void echo_add(struct echo_buf *e, const char *s, size_t n)
{
	/* Whole lines per hypercall where they fit: another domain's line cannot split one. */
	if (e->used + n > sizeof(e->text))
		echo_flush(e);
	while (n) {
		size_t len = MIN(n, sizeof(e->text) - e->used);

		memcpy(e->text + e->used, s, len);
		e->used += len;
		s += len;
		n -= len;
		if (e->used == sizeof(e->text))
			echo_flush(e);
	}
}

/*
 * The guest whose last echoed line is unfinished, if any. Another guest's
 * output starts on a line of its own; the unfinished one gets its prefix
 * again when it goes on.
 */
static struct cons_guest *open_line;

/* Ends another guest's unfinished line; true when g's own line is still open. */
static bool echo_start_line(struct echo_buf *e, struct cons_guest *g)
{
	bool own = open_line == g;

	if (open_line && !own)
		echo_add(e, "\n", 1);
	open_line = NULL;
	return own;
}

void cons_echo_fresh_line(struct cons_guest *g)
{
	if (open_line == g)
		open_line = NULL;
}

static void echo_note(struct echo_buf *e, struct cons_guest *g, const char *fmt,
		      unsigned long long n)
{
	char line[160];
	int len;

	if (echo_start_line(e, g))
		echo_add(e, "\n", 1);
	len = snprintf(line, sizeof(line), "(d%u) ", g->domid);
	len += snprintf(line + len, sizeof(line) - len, fmt, n);
	echo_add(e, line, MIN((size_t)len, sizeof(line) - 1));
}

/*
 * Tops up g's tokens at CONS_ECHO_RATE. The time a token was bought with
 * is spent and the rest kept, so frequent small drains lose nothing; a
 * full bucket banks no time.
 */
static void echo_refill(struct cons_guest *g)
{
	uint64_t now = monotonic_ns();
	/* Capped so the product cannot overflow after a long quiet spell. */
	uint64_t elapsed = MIN(now - g->echo_refill_ns,
			       SECONDS(CONS_ECHO_BURST / CONS_ECHO_RATE + 1));
	uint64_t add = elapsed * CONS_ECHO_RATE / SECONDS(1);

	if (!add)
		return;
	g->echo_tokens = MIN(g->echo_tokens + add, (uint64_t)CONS_ECHO_BURST);
	if (g->echo_tokens == CONS_ECHO_BURST)
		g->echo_refill_ns = now;
	else
		g->echo_refill_ns += add * SECONDS(1) / CONS_ECHO_RATE;
}

/*
 * Echoes one piece of a line (up to and including its newline, if any).
 * Over the rate the echo pauses; it resumes at the start of a line once
 * half the burst is back.
 */
static void echo_piece(struct echo_buf *e, struct cons_guest *g, const char *s, size_t n)
{
	char prefix[16];
	bool ends_line = s[n - 1] == '\n';

	if (g->echo_paused) {
		g->st.not_echoed += n;
		g->skipped += n;
		if (ends_line && g->echo_tokens >= CONS_ECHO_BURST / 2) {
			g->echo_paused = false;
			g->st.echo_paused = false;
			echo_note(e, g, "[console: echo resumed; %llu bytes were not echoed]\n",
				  g->skipped);
		}
		return;
	}
	if (g->echo_tokens < n) {
		g->echo_paused = true;
		g->st.echo_paused = true;
		g->st.not_echoed += n;
		g->skipped = n;
		echo_note(e, g, "[console: echo paused: more than %llu bytes/s; `shl console` "
			  "shows everything]\n", CONS_ECHO_RATE);
		return;
	}
	g->echo_tokens -= n;
	if (!echo_start_line(e, g))
		echo_add(e, prefix, snprintf(prefix, sizeof(prefix), "(d%u) ", g->domid));
	echo_add(e, s, n);
	if (!ends_line)
		open_line = g;
}

static void echo(struct cons_guest *g, const char *s, size_t n)
{
	struct echo_buf e;

	e.used = 0;
	echo_refill(g);
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) + 1 : n;

		echo_piece(&e, g, s, len);
		s += len;
		n -= len;
	}
	echo_flush(&e);
}

/*
 * One turn for g: at most one out[] worth of output, copied out once and
 * then used from the copy (the guest may rewrite its page meanwhile).
 * Returns true when more was waiting.
 */
static bool drain_output(struct cons_guest *g)
{
	struct shale_cons_ring *r = g->ring;
	uint32_t prod, avail, at, first, n;

	if (g->broken)
		return false;
	prod = __atomic_load_n(&r->out_prod, __ATOMIC_ACQUIRE);
	avail = prod - g->out_cons;
	if (avail > SHALE_CONS_OUT_SIZE) {
		ring_broken(g, "out", prod, g->out_cons, SHALE_CONS_OUT_SIZE);
		return false;
	}
	if (!avail)
		return false;
	n = avail;
	at = g->out_cons % SHALE_CONS_OUT_SIZE;
	first = MIN(n, SHALE_CONS_OUT_SIZE - at);
	memcpy(chunk, (const char *)&r->out[at], first);
	memcpy(chunk + first, (const char *)&r->out[0], n - first);
	history_append(g, chunk, n);
	g->st.bytes_out += n;
	g->st.last_ns = monotonic_ns();
	if (!g->st.first_ns)
		g->st.first_ns = g->st.last_ns;
	if (g->attached)
		wake_up(&cons_attach_wq);
	else
		echo(g, chunk, n);
	/* Echoed before the room is given back: a guest that flushes sees its lines shown. */
	g->out_cons += n;
	__atomic_store_n(&r->out_cons, g->out_cons, __ATOMIC_RELEASE);
	notify_remote_via_evtchn(g->port);
	return prod != __atomic_load_n(&r->out_prod, __ATOMIC_ACQUIRE);
}

void cons_put_input(struct cons_guest *g, const char *buf, size_t len)
{
	struct shale_cons_ring *r = g->ring;
	uint32_t cons, used, at, first, n;

	if (g->broken) {
		g->st.in_dropped += len;
		return;
	}
	cons = __atomic_load_n(&r->in_cons, __ATOMIC_ACQUIRE);
	used = g->in_prod - cons;
	if (used > SHALE_CONS_IN_SIZE) {
		ring_broken(g, "in", g->in_prod, cons, SHALE_CONS_IN_SIZE);
		g->st.in_dropped += len;
		return;
	}
	n = MIN((uint32_t)len, SHALE_CONS_IN_SIZE - used);
	at = g->in_prod % SHALE_CONS_IN_SIZE;
	first = MIN(n, SHALE_CONS_IN_SIZE - at);
	memcpy((char *)&r->in[at], buf, first);
	memcpy((char *)&r->in[0], buf + first, n - first);
	g->in_prod += n;
	__atomic_store_n(&r->in_prod, g->in_prod, __ATOMIC_RELEASE);
	g->st.bytes_in += n;
	g->st.in_dropped += len - n;
	if (n)
		notify_remote_via_evtchn(g->port);
}

/* The next guest with work after domid last, round robin, so no guest waits behind a flood. */
static struct cons_guest *next_pending(uint16_t last)
{
	struct cons_guest *first = NULL;

	for (struct cons_guest *g = guests; g; g = g->next) {
		if (!g->pending)
			continue;
		if (g->domid > last)
			return g;
		if (!first)
			first = g;
	}
	return first;
}

static void backend_main(void *arg)
{
	uint16_t last = 0;

	for (;;) {
		struct cons_guest *g;

		wait_event(work_wq, work_pending);
		work_pending = false;
		while ((g = next_pending(last))) {
			g->pending = false;
			g->st.turns++;
			if (drain_output(g))
				g->pending = true;
			last = g->domid;
			/* g may be gone when this thread runs again: only the domid is kept. */
			schedule();
		}
	}
}

static void link_sorted(struct cons_guest *n)
{
	struct cons_guest **p = &guests;

	while (*p && (*p)->domid < n->domid)
		p = &(*p)->next;
	n->next = *p;
	*p = n;
	nr_guests++;
}

int console_backend_add(uint16_t domid, uint64_t ring_mfn, evtchn_port_t remote_port,
			evtchn_port_t *local_port)
{
	struct cons_guest *g;
	int rc = 0;

	if (cons_find(domid))
		return -SHALE_EEXIST;
	if (!backend_thread) {
		backend_thread = create_thread("consoled", backend_main, NULL);
		if (!backend_thread)
			return -SHALE_ENOMEM;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return -SHALE_ENOMEM;
	g->ring = map_foreign_range(domid, &ring_mfn, 1, true, &rc);
	if (!g->ring) {
		free(g);
		return rc ? rc : -SHALE_ENOMEM;
	}
	g->domid = domid;
	g->serial = next_serial++;
	g->ring_mfn = ring_mfn;
	g->out_cons = __atomic_load_n(&g->ring->out_cons, __ATOMIC_ACQUIRE);
	g->in_prod = __atomic_load_n(&g->ring->in_prod, __ATOMIC_ACQUIRE);
	g->echo_tokens = CONS_ECHO_BURST;
	g->echo_refill_ns = monotonic_ns();
	/* Linked first: the bind makes the port pending once and the handler runs at once. */
	link_sorted(g);
	rc = evtchn_bind_interdomain(domid, remote_port, on_event, g, &g->port);
	if (rc) {
		console_backend_remove(domid);
		return rc;
	}
	*local_port = g->port;
	return 0;
}

void console_backend_remove(uint16_t domid)
{
	struct cons_guest **p = &guests, *g;

	while (*p && (*p)->domid != domid)
		p = &(*p)->next;
	g = *p;
	if (!g)
		return;
	/* What the guest wrote last (a stopped guest writes no more): shown, not lost. */
	if (g->port)
		drain_output(g);
	*p = g->next;
	nr_guests--;
	cons_echo_fresh_line(g);
	if (g->port)
		unbind_evtchn(g->port);
	unmap_range(g->ring, 1);
	free(g->hist);
	free(g);
	wake_up(&cons_attach_wq);
}

static void fill_info(const struct cons_guest *g, struct console_backend_info *out)
{
	*out = g->st;
	out->domid = g->domid;
	out->port = g->port;
	out->ring_mfn = g->ring_mfn;
	out->buffered = g->hist_end - g->hist_start;
	out->attached = g->attached;
}

int console_backend_info(uint16_t domid, struct console_backend_info *out)
{
	const struct cons_guest *g = cons_find(domid);

	if (!g)
		return -SHALE_ESRCH;
	fill_info(g, out);
	return 0;
}

unsigned int console_backend_list(struct console_backend_info *out, unsigned int max)
{
	unsigned int i = 0;

	for (const struct cons_guest *g = guests; g && i < max; g = g->next)
		fill_info(g, &out[i++]);
	return nr_guests;
}
