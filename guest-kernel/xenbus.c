/* SPDX-License-Identifier: MIT */
/*
 * xenbus: requests to the store over the domain's ring page.
 *
 * One request is in flight at a time (callers queue on request_wq): the
 * store answers requests of one connection in order anyway, and it keeps
 * the reply matching trivial. A receiver thread reads every message off
 * the ring: the reply to the request in flight, or a watch event, which it
 * queues for the watch thread. Watch callbacks run in that second thread,
 * so they may issue requests themselves without waiting on the receiver.
 *
 * The ring is shared with dom0 and dom0 is trusted, but a corrupt index or
 * length must still never make us read or write outside the page: such a
 * ring is marked broken and every call fails with -SHALE_EIO from then on.
 */
#include <stdarg.h>
#include <public/errno.h>
#include <public/io/xs_wire.h>
#include "barrier.h"
#include "console.h"
#include "events.h"
#include "kernel.h"
#include "malloc.h"
#include "mm.h"
#include "printf.h"
#include "sched.h"
#include "string.h"
#include "time.h"
#include "xenbus.h"

#define MAX_QUEUED_WATCH_EVENTS	256

struct watch {
	struct watch *next;
	char *path;
	char *token;
	xenbus_watch_fn fn;
	void *data;
};

struct watch_event {
	struct watch_event *next;
	char *path;		/* "path\0token\0" in one allocation */
	char *token;
};

static struct shale_xs_ring *ring;
static evtchn_port_t store_port;
static bool ready;
static bool broken;

static DECLARE_WAIT_QUEUE_HEAD(ring_wq);	/* the store moved an index */
static DECLARE_WAIT_QUEUE_HEAD(request_wq);	/* the request slot became free */
static DECLARE_WAIT_QUEUE_HEAD(reply_wq);	/* the reply arrived */
static DECLARE_WAIT_QUEUE_HEAD(watch_wq);	/* a watch event was queued */

/* The request in flight. */
static bool request_busy;
static uint32_t next_req_id = 1;
static struct {
	uint32_t req_id;	/* 0: nobody waits (none sent, or timed out) */
	bool done;
	uint32_t type;
	char *body;		/* NUL-terminated, len bytes before the NUL */
	uint32_t len;
} reply;

static struct watch *watches;
static struct watch_event *events_head, **events_tail = &events_head;
static unsigned int events_queued;
static struct xenbus_stats stats;

static void mark_broken(const char *why)
{
	if (!broken)
		printk("xenbus: store ring broken (%s); store access disabled\n", why);
	broken = true;
	wake_up(&ring_wq);
	wake_up(&reply_wq);
}

/* ---- ring transport ---- */

static void store_event(evtchn_port_t port, void *data)
{
	(void)port;
	(void)data;
	wake_up(&ring_wq);
}

static uint32_t rsp_available(void)
{
	uint32_t avail = READ_ONCE(ring->rsp_prod) - ring->rsp_cons;

	rmb();	/* the bytes are read only after the index that covers them */
	if (avail > SHALE_XS_RING_SIZE)
		mark_broken("response index out of range");
	return avail;
}

static uint32_t req_space(void)
{
	uint32_t used = ring->req_prod - READ_ONCE(ring->req_cons);

	if (used > SHALE_XS_RING_SIZE) {
		mark_broken("request index out of range");
		return 0;
	}
	return SHALE_XS_RING_SIZE - used;
}

/* Receiver thread only: reads exactly len bytes. Returns false if the ring broke. */
static bool ring_read(void *buf, size_t len)
{
	char *dst = buf;

	while (len) {
		uint32_t avail, idx, chunk;

		wait_event(ring_wq, broken || rsp_available());
		if (broken)
			return false;
		avail = rsp_available();
		idx = SHALE_XS_RING_IDX(ring->rsp_cons);
		chunk = MIN(MIN(avail, SHALE_XS_RING_SIZE - idx), (uint32_t)len);
		memcpy(dst, ring->rsp + idx, chunk);
		mb();	/* copied out before the slot is handed back */
		ring->rsp_cons += chunk;
		notify_remote_via_evtchn(store_port);
		dst += chunk;
		len -= chunk;
	}
	return true;
}

/* Writes all of buf before the deadline, or returns false (the ring is then unusable). */
static bool ring_write(const void *buf, size_t len, uint64_t deadline)
{
	const char *src = buf;

	while (len) {
		uint32_t space, idx, chunk;

		if (!wait_event_until(ring_wq, broken || req_space(), deadline)) {
			mark_broken("store stopped taking requests");
			return false;
		}
		if (broken)
			return false;
		space = req_space();
		idx = SHALE_XS_RING_IDX(ring->req_prod);
		chunk = MIN(MIN(space, SHALE_XS_RING_SIZE - idx), (uint32_t)len);
		memcpy(ring->req + idx, src, chunk);
		wmb();	/* the bytes are visible before the index that publishes them */
		ring->req_prod += chunk;
		notify_remote_via_evtchn(store_port);
		src += chunk;
		len -= chunk;
	}
	return true;
}

/* ---- receiving ---- */

static void queue_watch_event(char *body, uint32_t len)
{
	struct watch_event *ev;
	size_t path_len = strnlen(body, len);

	if (path_len == len) {		/* no NUL after the path: not an event */
		free(body);
		return;
	}
	if (events_queued >= MAX_QUEUED_WATCH_EVENTS) {
		stats.watch_events_dropped++;
		free(body);
		return;
	}
	ev = malloc(sizeof(*ev));
	if (!ev) {
		stats.watch_events_dropped++;
		free(body);
		return;
	}
	ev->next = NULL;
	ev->path = body;
	ev->token = body + path_len + 1;
	*events_tail = ev;
	events_tail = &ev->next;
	events_queued++;
	wake_up(&watch_wq);
}

static void deliver_reply(const struct shale_xs_msg_header *h, char *body)
{
	if (reply.req_id == 0 || h->req_id != reply.req_id || reply.done) {
		free(body);	/* the answer to a request that timed out */
		return;
	}
	reply.type = h->type;
	reply.body = body;
	reply.len = h->len;
	reply.done = true;
	wake_up(&reply_wq);
}

static void receiver_thread(void *arg)
{
	(void)arg;
	for (;;) {
		struct shale_xs_msg_header h;
		char *body;

		if (!ring_read(&h, sizeof(h)))
			break;
		if (h.len > SHALE_XS_PAYLOAD_MAX) {
			mark_broken("oversized message from the store");
			break;
		}
		body = malloc(h.len + 1);
		if (!body) {
			mark_broken("out of memory for a store message");
			break;
		}
		if (!ring_read(body, h.len)) {
			free(body);
			break;
		}
		body[h.len] = '\0';
		if (h.type == SHALE_XS_WATCH_EVENT)
			queue_watch_event(body, h.len);
		else
			deliver_reply(&h, body);
	}
}

static struct watch *find_watch(const char *token)
{
	for (struct watch *w = watches; w; w = w->next)
		if (!strcmp(w->token, token))
			return w;
	return NULL;
}

static void watch_thread(void *arg)
{
	(void)arg;
	for (;;) {
		struct watch_event *ev;
		struct watch *w;

		wait_event(watch_wq, events_head != NULL);
		ev = events_head;
		events_head = ev->next;
		if (!events_head)
			events_tail = &events_head;
		events_queued--;
		w = find_watch(ev->token);
		if (w) {
			stats.watch_events++;
			w->fn(ev->path, ev->token, w->data);
		}
		free(ev->path);
		free(ev);
	}
}

/* ---- requests ---- */

static const struct {
	const char *name;
	int err;
} store_errors[] = {
	{ "EINVAL", SHALE_EINVAL }, { "EACCES", SHALE_EACCES },
	{ "EEXIST", SHALE_EEXIST }, { "EISDIR", SHALE_EISDIR },
	{ "ENOENT", SHALE_ENOENT }, { "ENOMEM", SHALE_ENOMEM },
	{ "ENOSPC", SHALE_ENOSPC }, { "EIO", SHALE_EIO },
	{ "ENOTEMPTY", SHALE_ENOTEMPTY }, { "ENOSYS", SHALE_ENOSYS },
	{ "EROFS", SHALE_EROFS }, { "EBUSY", SHALE_EBUSY },
	{ "EAGAIN", SHALE_EAGAIN }, { "EISCONN", SHALE_EISCONN },
	{ "E2BIG", SHALE_E2BIG }, { "EPERM", SHALE_EPERM },
	{ "EQUOTA", SHALE_EDQUOT },
};

static int error_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(store_errors); i++)
		if (!strcmp(store_errors[i].name, name))
			return -store_errors[i].err;
	return -SHALE_EIO;
}

struct part {
	const void *data;
	size_t len;
};

static void take_request_slot(void)
{
	wait_event(request_wq, !request_busy);
	request_busy = true;
}

static void release_request_slot(void)
{
	if (reply.done)
		free(reply.body);
	reply.req_id = 0;
	reply.done = false;
	reply.body = NULL;
	request_busy = false;
	wake_up(&request_wq);
}

/* Sends one request and waits for its reply. Call with the request slot taken. */
static int send_and_wait(uint32_t type, xenbus_transaction_t t,
			 const struct part *parts, unsigned int nparts)
{
	uint64_t deadline = monotonic_ns() + MILLISECS(XENBUS_TIMEOUT_MS);
	struct shale_xs_msg_header h = { .type = type, .tx_id = t };

	for (unsigned int i = 0; i < nparts; i++)
		h.len += parts[i].len;
	if (h.len > SHALE_XS_PAYLOAD_MAX)
		return -SHALE_E2BIG;
	h.req_id = next_req_id++;
	if (!next_req_id)
		next_req_id = 1;
	reply.req_id = h.req_id;
	reply.done = false;
	stats.requests++;
	if (!ring_write(&h, sizeof(h), deadline))
		return -SHALE_EIO;
	for (unsigned int i = 0; i < nparts; i++)
		if (!ring_write(parts[i].data, parts[i].len, deadline))
			return -SHALE_EIO;
	if (!wait_event_until(reply_wq, reply.done || broken, deadline)) {
		stats.timeouts++;
		return -SHALE_ETIMEDOUT;
	}
	if (!reply.done)
		return -SHALE_EIO;
	if (reply.type == SHALE_XS_ERROR) {
		stats.errors++;
		return error_from_name(reply.body);
	}
	return reply.type == type ? 0 : -SHALE_EIO;
}

/*
 * One request/reply. On success and when body is not NULL, *body gets the
 * reply payload (malloc()ed, NUL-terminated) and *len its length.
 */
static int request(uint32_t type, xenbus_transaction_t t, const struct part *parts,
		   unsigned int nparts, char **body, uint32_t *len)
{
	int rc;

	if (!ready || broken)
		return -SHALE_EIO;
	take_request_slot();
	rc = send_and_wait(type, t, parts, nparts);
	if (rc == 0 && body) {
		*body = reply.body;
		if (len)
			*len = reply.len;
		reply.done = false;	/* ownership passed to the caller */
	}
	release_request_slot();
	return rc;
}

/* A request whose payload is one string and its NUL. */
static int request_path(uint32_t type, xenbus_transaction_t t, const char *path,
			char **body, uint32_t *len)
{
	struct part p = { path, strlen(path) + 1 };

	return request(type, t, &p, 1, body, len);
}

int xenbus_read(xenbus_transaction_t t, const char *path, char **value)
{
	return request_path(SHALE_XS_READ, t, path, value, NULL);
}

int xenbus_write(xenbus_transaction_t t, const char *path, const char *value)
{
	struct part parts[] = { { path, strlen(path) + 1 }, { value, strlen(value) } };

	return request(SHALE_XS_WRITE, t, parts, 2, NULL, NULL);
}

int xenbus_printf(xenbus_transaction_t t, const char *path, const char *fmt, ...)
{
	char value[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(value))
		return -SHALE_E2BIG;
	return xenbus_write(t, path, value);
}

int xenbus_mkdir(xenbus_transaction_t t, const char *path)
{
	return request_path(SHALE_XS_MKDIR, t, path, NULL, NULL);
}

int xenbus_rm(xenbus_transaction_t t, const char *path)
{
	return request_path(SHALE_XS_RM, t, path, NULL, NULL);
}

/* Turns "a\0b\0c\0" in place into an array of pointers placed before the strings. */
static int split_names(char *body, uint32_t len, char ***names, unsigned int *count)
{
	unsigned int n = 0;
	char **array, *strings;

	for (uint32_t i = 0; i < len; i++)
		if (body[i] == '\0')
			n++;
	array = malloc(n * sizeof(char *) + len + 1);
	if (!array)
		return -SHALE_ENOMEM;
	strings = (char *)(array + n);
	memcpy(strings, body, len + 1);
	for (unsigned int i = 0, off = 0; i < n; i++) {
		array[i] = strings + off;
		off += strlen(strings + off) + 1;
	}
	*names = array;
	*count = n;
	return 0;
}

int xenbus_directory(xenbus_transaction_t t, const char *path, char ***names,
		     unsigned int *count)
{
	char *body;
	uint32_t len;
	int rc = request_path(SHALE_XS_DIRECTORY, t, path, &body, &len);

	if (rc)
		return rc;
	rc = split_names(body, len, names, count);
	free(body);
	return rc;
}

int xenbus_read_unsigned(xenbus_transaction_t t, const char *path, unsigned long *value)
{
	char *s, *end;
	int rc = xenbus_read(t, path, &s);

	if (rc)
		return rc;
	*value = strtoul(s, &end, 10);
	rc = (end == s || *end) ? -SHALE_EINVAL : 0;
	free(s);
	return rc;
}

int xenbus_get_domain_path(unsigned int domid, char *buf, size_t size)
{
	char id[12], *body;
	int rc;

	snprintf(id, sizeof(id), "%u", domid);
	rc = request_path(SHALE_XS_GET_DOMAIN_PATH, XBT_NIL, id, &body, NULL);
	if (rc)
		return rc;
	if (strlcpy(buf, body, size) >= size)
		rc = -SHALE_E2BIG;
	free(body);
	return rc;
}

int xenbus_transaction_start(xenbus_transaction_t *t)
{
	char *body, *end;
	int rc = request_path(SHALE_XS_TRANSACTION_START, XBT_NIL, "", &body, NULL);

	if (rc)
		return rc;
	*t = strtoul(body, &end, 10);
	rc = (end == body || *t == XBT_NIL) ? -SHALE_EIO : 0;
	free(body);
	return rc;
}

int xenbus_transaction_end(xenbus_transaction_t t, bool abort)
{
	return request_path(SHALE_XS_TRANSACTION_END, t, abort ? "F" : "T", NULL, NULL);
}

static int request_watch(uint32_t type, const char *path, const char *token)
{
	struct part parts[] = { { path, strlen(path) + 1 }, { token, strlen(token) + 1 } };

	return request(type, XBT_NIL, parts, 2, NULL, NULL);
}

static void free_watch(struct watch *w)
{
	free(w->path);
	free(w->token);
	free(w);
}

static void unlink_watch(struct watch *w)
{
	for (struct watch **p = &watches; *p; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			return;
		}
	}
}

int xenbus_watch(const char *path, const char *token, xenbus_watch_fn fn, void *data)
{
	struct watch *w;
	int rc;

	if (find_watch(token))
		return -SHALE_EEXIST;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -SHALE_ENOMEM;
	w->path = malloc(strlen(path) + 1);
	w->token = malloc(strlen(token) + 1);
	if (!w->path || !w->token) {
		free_watch(w);
		return -SHALE_ENOMEM;
	}
	strcpy(w->path, path);
	strcpy(w->token, token);
	w->fn = fn;
	w->data = data;
	/* Registered first: the initial event may follow the reply at once. */
	w->next = watches;
	watches = w;
	rc = request_watch(SHALE_XS_WATCH, path, token);
	if (rc) {
		unlink_watch(w);
		free_watch(w);
	}
	return rc;
}

int xenbus_unwatch(const char *path, const char *token)
{
	struct watch *w = find_watch(token);
	int rc = request_watch(SHALE_XS_UNWATCH, path, token);

	if (w) {
		unlink_watch(w);
		free_watch(w);
	}
	return rc;
}

/* ---- state-machine helpers ---- */

static const char *const state_names[] = {
	"Unknown", "Initialising", "InitWait", "Initialised", "Connected",
	"Closing", "Closed", "Reconfiguring", "Reconfigured",
};

const char *xenbus_state_name(enum xenbus_state state)
{
	return (unsigned int)state < ARRAY_SIZE(state_names) ? state_names[state] : "Invalid";
}

static int state_path(const char *dir, char *buf, size_t size)
{
	return snprintf(buf, size, "%s/state", dir) < (int)size ? 0 : -SHALE_E2BIG;
}

int xenbus_switch_state(const char *dir, enum xenbus_state state)
{
	char path[SHALE_XS_PATH_MAX];
	int rc = state_path(dir, path, sizeof(path));

	return rc ? rc : xenbus_printf(XBT_NIL, path, "%d", state);
}

int xenbus_read_state(const char *dir, enum xenbus_state *state)
{
	char path[SHALE_XS_PATH_MAX];
	unsigned long value;
	int rc = state_path(dir, path, sizeof(path));

	if (rc)
		return rc;
	rc = xenbus_read_unsigned(XBT_NIL, path, &value);
	if (rc == -SHALE_ENOENT) {
		*state = XenbusStateUnknown;
		return 0;
	}
	if (rc)
		return rc;
	*state = value <= XenbusStateReconfigured ? (enum xenbus_state)value : XenbusStateUnknown;
	return 0;
}

struct state_waiter {
	struct wait_queue_head wq;
	bool changed;
};

static void state_changed(const char *path, const char *token, void *data)
{
	struct state_waiter *sw = data;

	(void)path;
	(void)token;
	sw->changed = true;
	wake_up(&sw->wq);
}

static unsigned int state_token_seq;

int xenbus_wait_for_state(const char *dir, unsigned int mask, uint32_t timeout_ms,
			  enum xenbus_state *state)
{
	uint64_t deadline = monotonic_ns() + MILLISECS(timeout_ms);
	struct state_waiter sw = { .wq = WAIT_QUEUE_HEAD_INIT };
	char path[SHALE_XS_PATH_MAX], token[32];
	int rc = state_path(dir, path, sizeof(path));

	if (rc)
		return rc;
	snprintf(token, sizeof(token), "xenbus-state-%u", ++state_token_seq);
	rc = xenbus_watch(path, token, state_changed, &sw);
	if (rc)
		return rc;
	for (;;) {
		sw.changed = false;
		rc = xenbus_read_state(dir, state);
		if (rc || (mask & (1u << *state)))
			break;
		if (!wait_event_until(sw.wq, sw.changed, deadline)) {
			rc = -SHALE_ETIMEDOUT;
			break;
		}
	}
	xenbus_unwatch(path, token);
	/* The watch thread may still hold an event for this token: it finds no watch. */
	return rc;
}

/* ---- set-up ---- */

bool xenbus_available(void)
{
	return ready && !broken;
}

void xenbus_get_stats(struct xenbus_stats *st)
{
	*st = stats;
}

int xenbus_init(void)
{
	int rc;

	if (!start_info->store_mfn)
		return -SHALE_ENODEV;
	ring = mfn_to_virt(start_info->store_mfn);
	if (!ring) {
		printk("xenbus: store frame %#llx is not one of ours\n",
		       (unsigned long long)start_info->store_mfn);
		return -SHALE_EINVAL;
	}
	store_port = start_info->store_evtchn;
	rc = bind_evtchn(store_port, store_event, NULL);
	if (rc) {
		printk("xenbus: cannot bind store port %u: %d\n", store_port, rc);
		return rc;
	}
	if (!create_thread("xenbus-rx", receiver_thread, NULL) ||
	    !create_thread("xenbus-watch", watch_thread, NULL))
		return -SHALE_ENOMEM;
	ready = true;
	return 0;
}
