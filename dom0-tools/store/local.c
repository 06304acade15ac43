/* SPDX-License-Identifier: MIT */
/*
 * In-process store connections. Requests run synchronously inside send(),
 * so a reply is always queued by the time the client reads; only a
 * blocking read with nothing queued (waiting for a watch event) sleeps, on
 * a wait queue the store's notify hook wakes.
 */
#include <errno.h>
#include <malloc.h>
#include <sched.h>
#include "store.h"
#include "xs.h"
#include "local.h"

struct local_conn {
	struct local_conn *next;
	struct store_conn *conn;
	struct wait_queue_head wq;
};

static struct local_conn *local_conns;

bool local_conn_wake(struct store_conn *conn)
{
	for (struct local_conn *lc = local_conns; lc; lc = lc->next) {
		if (lc->conn == conn) {
			wake_up(&lc->wq);
			return true;
		}
	}
	return false;
}

static int local_send(void *ctx, const void *buf, size_t len)
{
	struct local_conn *lc = ctx;

	return store_conn_input(lc->conn, buf, len) < 0 ? EIO : 0;
}

static long local_recv(void *ctx, void *buf, size_t max, bool block)
{
	struct local_conn *lc = ctx;

	if (block)
		wait_event(lc->wq, store_conn_has_output(lc->conn));
	return (long)store_conn_output(lc->conn, buf, max);
}

static void local_close(void *ctx)
{
	struct local_conn *lc = ctx;

	for (struct local_conn **p = &local_conns; *p; p = &(*p)->next) {
		if (*p == lc) {
			*p = lc->next;
			break;
		}
	}
	store_conn_free(lc->conn);
	free(lc);
}

struct xs_handle *local_open(struct store *store)
{
	struct local_conn *lc = calloc(1, sizeof(*lc));
	struct xs_transport t = {
		.send = local_send, .recv = local_recv, .close = local_close,
	};
	struct xs_handle *h;

	if (!lc)
		return NULL;
	lc->conn = store_conn_new(store, 0);
	if (!lc->conn) {
		free(lc);
		return NULL;
	}
	init_waitqueue_head(&lc->wq);
	lc->next = local_conns;
	local_conns = lc;
	t.ctx = lc;
	h = xs_open_transport(&t);
	if (!h)
		local_close(lc);
	return h;
}
