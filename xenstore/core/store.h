/* SPDX-License-Identifier: MIT */
/*
 * The store core: the tree on LMDB and the wire protocol, independent of
 * how bytes reach it. The same code runs in the host daemon (Unix socket
 * connections, system liblmdb) and in dom0 (domain ring connections and an
 * in-process connection for dom0's own tools, LMDB over a memory shim).
 *
 * A transport creates one store_conn per peer, feeds it the bytes it
 * receives with store_conn_input() and sends what store_conn_output()
 * hands back. Replies and watch events are queued per connection (bounded),
 * so a peer that never reads cannot make the store grow without limit.
 * Everything is single-threaded: the caller serialises all calls.
 */
#ifndef SHALE_XENSTORE_STORE_H
#define SHALE_XENSTORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct store_conn;

/* Per-domain quotas (dom0 is exempt), Xen's defaults where it has them. */
struct store_limits {
	unsigned int max_nodes_per_domain;	/* nodes a domain may own: 1000 */
	unsigned int max_value_size;		/* bytes of one value: 2048 */
	unsigned int max_watches_per_conn;	/* 128 */
	unsigned int max_transactions_per_conn;	/* 10 */
	size_t max_output_queued;		/* queued reply/event bytes per conn: 256 KiB */
};

void store_default_limits(struct store_limits *limits);

/*
 * What the store asks of its host when dom0 sends INTRODUCE or RELEASE.
 * introduce() makes the domain's ring connection (dom0 maps the ring page
 * and binds the port; the host daemon has no rings and just accepts);
 * returns 0 or a positive errno value for the ERROR reply. release() drops
 * it. Either may be NULL. notify() is called whenever a connection other
 * than the one being served gains output (a watch event), so a transport
 * can wake whoever sends it.
 *
 * introduce() creates the domain's connection with store_conn_new(); the
 * store then knows it as the domain's (store_conn_for_domain()). On
 * RELEASE the store calls release() first, so the host forgets the
 * connection, then frees the connection itself: release() must not.
 * log(), if set, receives one line (no newline) about damage or failures
 * the store met, such as an unreadable record.
 */
struct store_hooks {
	void *ctx;
	int (*introduce)(void *ctx, unsigned int domid, uint64_t mfn, uint32_t port);
	void (*release)(void *ctx, unsigned int domid);
	void (*notify)(void *ctx, struct store_conn *conn);
	void (*log)(void *ctx, const char *line);
};

/*
 * Opens (creating if needed) the store kept in the LMDB environment at
 * path (a file: opened with MDB_NOSUBDIR). Creates "/", "/local",
 * "/local/domain" and "/tool" when missing. On failure returns NULL and
 * writes a reason into err.
 */
struct store *store_open(const char *path, const struct store_limits *limits,
			 const struct store_hooks *hooks, char *err, size_t errlen);
void store_close(struct store *store);

/* A new connection speaking for domid (0: dom0, privileged). */
struct store_conn *store_conn_new(struct store *store, unsigned int domid);

/* The connection a domain was introduced with, or NULL. */
struct store_conn *store_conn_for_domain(struct store *store, unsigned int domid);

/* Drops the connection's watches and open transactions, frees it. */
void store_conn_free(struct store_conn *conn);

/*
 * Feeds received bytes (any split: partial headers and payloads are
 * buffered). Complete requests are executed and their replies queued.
 * Returns 0, or -1 when the connection must be closed (a length over
 * SHALE_XS_PAYLOAD_MAX): the caller then frees it.
 */
int store_conn_input(struct store_conn *conn, const void *buf, size_t len);

/* Copies up to max queued output bytes into buf and dequeues them. */
size_t store_conn_output(struct store_conn *conn, void *buf, size_t max);
bool store_conn_has_output(const struct store_conn *conn);

/* Bytes queued for the peer (a transport may stop reading past a mark). */
size_t store_conn_output_queued(const struct store_conn *conn);

/*
 * Whether the connection lost a watch event because its peer did not read
 * (its queue was at max_output_queued) or memory ran out: the transport
 * should close it, as store_conn_input() will refuse it from now on.
 */
bool store_conn_overflowed(const struct store_conn *conn);

unsigned int store_conn_domid(const struct store_conn *conn);

/* For the toolstack and tests: counts for `shl xenstore` diagnostics. */
struct store_stats {
	unsigned long requests;
	unsigned long errors;
	unsigned long watch_events;
	unsigned long conflicts;	/* transactions ended with EAGAIN */
	unsigned long dropped_events;	/* not queued: the watcher's queue was full */
	unsigned int connections;
};

void store_get_stats(const struct store *store, struct store_stats *st);

#endif /* SHALE_XENSTORE_STORE_H */
