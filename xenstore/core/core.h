/* SPDX-License-Identifier: MIT */
/*
 * What the core's files share and nothing outside the core may use: the
 * store and connection structures, and the functions that pass between
 * the files (connection output, watches, transactions, domains, requests).
 */
#ifndef SHALE_XENSTORE_CORE_H
#define SHALE_XENSTORE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/io/xs_wire.h>
#include "store.h"
#include "db.h"
#include "quota.h"
#include "view.h"
#include "path.h"

#define MSG_HEADER_SIZE	sizeof(struct shale_xs_msg_header)

struct out_msg {
	struct out_msg *next;
	size_t len, sent;
	uint8_t bytes[];
};

struct watch {
	struct watch *next;
	bool relative;		/* events report the path below the domain's home */
	size_t path_len;
	char *path;		/* absolute, or a special "@..." name */
	char *token;
};

struct transaction {
	struct transaction *next;
	uint32_t id;
	struct view view;
};

struct domain_entry {
	struct domain_entry *next;
	unsigned int domid;
	struct store_conn *conn;	/* the ring connection, if the host made one */
};

/* A request being served, and its reply being built (one at a time). */
struct request {
	struct store_conn *conn;
	struct shale_xs_msg_header hdr;
	const char *payload;
	size_t len;
	struct transaction *tx;
	size_t path_len;
	char path[PATH_BUF_SIZE];
	size_t reply_len;
	char reply[SHALE_XS_PAYLOAD_MAX];
};

struct store {
	struct db db;
	MDB_txn *read_txn;	/* reused by VIEW_READ: reset between requests */
	struct store_limits limits;
	struct store_hooks hooks;
	uint64_t generation;	/* of the latest commit */
	struct quota quota;
	struct store_conn *conns;
	struct domain_entry *domains;
	struct store_conn *serving;	/* whose request runs now: notify() skips it */
	uint32_t next_tx_id;
	struct store_stats stats;
	struct request req;
};

struct store_conn {
	struct store *store;
	struct store_conn *prev, *next;
	unsigned int domid;
	bool overflowed;	/* lost a watch event: must be closed */
	struct out_msg *out_head, *out_tail;
	size_t out_bytes;
	struct watch *watches;
	unsigned int nwatches;
	struct transaction *txs;
	unsigned int ntxs;
	size_t in_len;
	uint8_t in[MSG_HEADER_SIZE + SHALE_XS_PAYLOAD_MAX];
};

/* One piece of a message's payload. */
struct chunk {
	const void *data;
	size_t len;
};

/*
 * Queues a message. A reply is always queued (ENOMEM marks the connection
 * for closing); a watch event that would take the queue past its bound is
 * dropped and marks the connection for closing, since its peer would
 * otherwise miss a change without knowing.
 */
void conn_send(struct store_conn *conn, uint32_t type, uint32_t req_id, uint32_t tx_id,
	       const struct chunk *chunks, unsigned int nchunks, bool is_event);

/* Executes one complete request (conn.c hands it over). */
void protocol_dispatch(struct store_conn *conn, const struct shale_xs_msg_header *hdr,
		       const char *payload);

/* Watches (watch.c). */
int watch_add(struct store_conn *conn, const char *given, const char *token);
int watch_remove(struct store_conn *conn, const char *given, const char *token);
void watch_remove_all(struct store_conn *conn);
void watch_fire(struct store *store, const char *path, size_t len, bool exact,
		const struct perm *perms, unsigned int nperms);
void watch_fire_special(struct store *store, const char *name);

/* Transactions (transaction.c). */
int tx_start(struct store_conn *conn, uint32_t *id);
struct transaction *tx_find(struct store_conn *conn, uint32_t id);
/* Takes tx off its connection; then tx_commit() if wanted, and tx_free(). */
void tx_detach(struct store_conn *conn, struct transaction *tx);
int tx_commit(struct store_conn *conn, struct transaction *tx);
void tx_free(struct transaction *tx);
/* Drops every open transaction of conn. */
void tx_end_all(struct store_conn *conn);

/* Domains (domain.c). */
int domain_introduce(struct store *store, unsigned int domid, uint64_t mfn, uint32_t port);
int domain_release(struct store *store, unsigned int domid);
bool domain_is_introduced(const struct store *store, unsigned int domid);
void domain_forget_conn(struct store *store, const struct store_conn *conn);
void domain_free_all(struct store *store);

/* Logging through the host's hook, if any. */
void store_log(const struct store *store, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* SHALE_XENSTORE_CORE_H */
