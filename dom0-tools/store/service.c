/* SPDX-License-Identifier: MIT */
/*
 * The store service in dom0: one thread moves bytes between each
 * introduced domain's ring page and its store connection.
 *
 * Fairness: a domain gets at most one ring's worth of input and output per
 * pass, and the thread yields between passes, so a domain that floods its
 * ring slows only itself; the core bounds what it queues for a domain that
 * never reads its replies. A ring whose indices are out of range or whose
 * messages are malformed beyond repair is dropped (the domain loses store
 * access, nothing else changes) and stays dropped until it is released.
 */
#include <console.h>
#include <events.h>
#include <malloc.h>
#include <pagetable.h>
#include <printf.h>
#include <sched.h>
#include <string.h>
#include <barrier.h>
#include <public/errno.h>
#include <public/io/xs_wire.h>
#include "store.h"
#include "service.h"
#include "local.h"

#define STORE_DATABASE	"/var/lib/xenstored/store.mdb"

struct ring_conn {
	struct ring_conn *next;
	unsigned int domid;
	struct shale_xs_ring *ring;
	evtchn_port_t port;		/* dom0's end of the domain's store channel */
	struct store_conn *conn;
	uint32_t req_cons;		/* our own indices: the page's copies are for the guest */
	uint32_t rsp_prod;
	bool broken;
};

static struct store *store;
static struct ring_conn *rings;
static bool work_pending;
static DECLARE_WAIT_QUEUE_HEAD(service_wq);

static void kick_service(void)
{
	work_pending = true;
	wake_up(&service_wq);
}

static void ring_event(evtchn_port_t port, void *data)
{
	(void)port;
	(void)data;
	kick_service();
}

static void drop_ring(struct ring_conn *rc, const char *why)
{
	if (rc->broken)
		return;
	printf("xenstored: dropping the store ring of domain %u: %s\n", rc->domid, why);
	rc->broken = true;
}

/* Moves the domain's pending requests into its connection. True if more input waits. */
static bool take_input(struct ring_conn *rc)
{
	char buf[SHALE_XS_RING_SIZE];
	struct shale_xs_ring *r = rc->ring;
	uint32_t cons = rc->req_cons, prod = READ_ONCE(r->req_prod);
	uint32_t avail = prod - cons, done = 0;

	rmb();
	if (avail > SHALE_XS_RING_SIZE) {
		drop_ring(rc, "request index out of range");
		return false;
	}
	while (done < avail) {
		uint32_t idx = SHALE_XS_RING_IDX(cons + done);
		uint32_t chunk = MIN(avail - done, SHALE_XS_RING_SIZE - idx);

		memcpy(buf + done, r->req + idx, chunk);
		done += chunk;
	}
	if (!avail)
		return false;
	mb();	/* copied before the space is handed back */
	rc->req_cons = cons + avail;
	r->req_cons = rc->req_cons;
	notify_remote_via_evtchn(rc->port);
	if (store_conn_input(rc->conn, buf, avail) < 0)
		drop_ring(rc, store_conn_overflowed(rc->conn) ?
			  "the domain stopped reading its replies" :
			  "malformed or oversized message");
	return READ_ONCE(r->req_prod) != rc->req_cons;
}

/* Moves queued replies and events onto the ring. True if more output waits. */
static bool give_output(struct ring_conn *rc)
{
	char buf[SHALE_XS_RING_SIZE];
	struct shale_xs_ring *r = rc->ring;
	uint32_t prod = rc->rsp_prod, used = prod - READ_ONCE(r->rsp_cons);
	size_t n, done = 0;

	if (used > SHALE_XS_RING_SIZE) {
		drop_ring(rc, "response index out of range");
		return false;
	}
	if (used == SHALE_XS_RING_SIZE || !store_conn_has_output(rc->conn))
		return false;
	n = store_conn_output(rc->conn, buf, SHALE_XS_RING_SIZE - used);
	while (done < n) {
		uint32_t idx = SHALE_XS_RING_IDX(prod + done);
		size_t chunk = MIN(n - done, (size_t)(SHALE_XS_RING_SIZE - idx));

		memcpy(r->rsp + idx, buf + done, chunk);
		done += chunk;
	}
	wmb();	/* the bytes before the index that publishes them */
	rc->rsp_prod = prod + (uint32_t)n;
	r->rsp_prod = rc->rsp_prod;
	notify_remote_via_evtchn(rc->port);
	return store_conn_has_output(rc->conn);
}

static bool serve_ring(struct ring_conn *rc)
{
	bool more;

	if (rc->broken)
		return false;
	more = take_input(rc);
	if (rc->broken)
		return false;
	more |= give_output(rc);
	if (store_conn_overflowed(rc->conn))
		drop_ring(rc, "the domain stopped reading its replies");
	return more && !rc->broken;
}

static void service_thread(void *arg)
{
	(void)arg;
	for (;;) {
		bool more = false;

		wait_event(service_wq, work_pending);
		work_pending = false;
		for (struct ring_conn *rc = rings; rc; rc = rc->next)
			more |= serve_ring(rc);
		if (more)
			work_pending = true;
		schedule();	/* let the shell and the other services run between passes */
	}
}

/* ---- introduce and release, called by the core for dom0's requests ---- */

static struct ring_conn *find_ring(unsigned int domid)
{
	for (struct ring_conn *rc = rings; rc; rc = rc->next)
		if (rc->domid == domid)
			return rc;
	return NULL;
}

static int map_domain_ring(struct ring_conn *rc, uint64_t mfn, uint32_t port)
{
	int err;

	rc->ring = map_foreign_range(rc->domid, &mfn, 1, true, &err);
	if (!rc->ring)
		return err;
	err = evtchn_bind_interdomain(rc->domid, port, ring_event, rc, &rc->port);
	if (err) {
		unmap_range(rc->ring, 1);
		return err;
	}
	return 0;
}

static int introduce_domain(void *ctx, unsigned int domid, uint64_t mfn, uint32_t port)
{
	struct ring_conn *rc;
	int err;

	(void)ctx;
	if (domid == 0 || find_ring(domid))
		return SHALE_EEXIST;
	rc = calloc(1, sizeof(*rc));
	if (!rc)
		return SHALE_ENOMEM;
	rc->domid = domid;
	err = map_domain_ring(rc, mfn, port);
	/* A domain may have queued requests before it was introduced: start where it is. */
	if (!err) {
		rc->req_cons = rc->ring->req_cons;
		rc->rsp_prod = rc->ring->rsp_prod;
	}
	if (err) {
		free(rc);
		return err == -SHALE_ESRCH ? SHALE_ENOENT : SHALE_EINVAL;
	}
	rc->conn = store_conn_new(store, domid);
	if (!rc->conn) {
		unbind_evtchn(rc->port);
		unmap_range(rc->ring, 1);
		free(rc);
		return SHALE_ENOMEM;
	}
	rc->next = rings;
	rings = rc;
	kick_service();	/* the domain may have written requests already */
	return 0;
}

static void release_domain(void *ctx, unsigned int domid)
{
	(void)ctx;
	for (struct ring_conn **p = &rings; *p; p = &(*p)->next) {
		struct ring_conn *rc = *p;

		if (rc->domid != domid)
			continue;
		*p = rc->next;
		/* The store frees the connection itself after this hook. */
		unbind_evtchn(rc->port);
		unmap_range(rc->ring, 1);
		free(rc);
		return;
	}
}

static void store_log_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("xenstored: %s\n", line);
}

static void conn_has_output(void *ctx, struct store_conn *conn)
{
	(void)ctx;
	if (!local_conn_wake(conn))
		kick_service();
}

int store_service_start(void)
{
	static const struct store_hooks hooks = {
		.introduce = introduce_domain,
		.release = release_domain,
		.notify = conn_has_output,
		.log = store_log_line,
	};
	struct store_limits limits;
	char err[128];

	store_default_limits(&limits);
	store = store_open(STORE_DATABASE, &limits, &hooks, err, sizeof(err));
	if (!store) {
		printf("xenstored: cannot open the store: %s\n", err);
		return -SHALE_EIO;
	}
	if (!create_thread("xenstored", service_thread, NULL)) {
		store_close(store);
		store = NULL;
		return -SHALE_ENOMEM;
	}
	return 0;
}

bool store_service_running(void)
{
	return store != NULL;
}

struct xs_handle *store_service_open(void)
{
	return store ? local_open(store) : NULL;
}
