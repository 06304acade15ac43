/* SPDX-License-Identifier: MIT */
/*
 * The harness the store tests share: a store in a scratch directory, and
 * requests driven through store_conn_input()/store_conn_output() as real
 * wire bytes (built here with their own little-endian encoder, not the
 * core's), each handed over as an exact-size heap copy.
 *
 * Request helpers return NULL when the reply has the request's type, or
 * the error name of an ERROR reply ("ENOENT"). Watch events that arrive
 * before a reply are kept per connection for st_event().
 */
#ifndef SHALE_TESTS_UNIT_STORE_HARNESS_H
#define SHALE_TESTS_UNIT_STORE_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <public/io/xs_wire.h>
#include "store.h"

#define ST_MAX_DOMAINS 8

struct st {
	char dir[64];
	char db[96];
	struct store *store;
	struct store_limits limits;
	/* What the hooks saw. */
	unsigned int introduced[ST_MAX_DOMAINS], nintroduced;
	unsigned int released[ST_MAX_DOMAINS], nreleased;
	struct store_conn *ring[ST_MAX_DOMAINS];	/* connections introduce() made */
	unsigned int ring_domid[ST_MAX_DOMAINS];
	int introduce_result;
};

struct st_msg {
	uint32_t type, req_id, tx_id, len;
	char payload[SHALE_XS_PAYLOAD_MAX + 1];	/* NUL after len bytes */
};

/* Opens a fresh store (limits NULL: defaults) in a new scratch directory. */
void st_open(struct st *t, const struct store_limits *limits);
/* Closes and opens the same database again. */
void st_reopen(struct st *t);
/* Closes the store and removes the directory. */
void st_close(struct st *t);

struct store_conn *st_conn(struct st *t, unsigned int domid);

/* Feeds raw bytes; returns what store_conn_input() returned. */
int st_feed(struct store_conn *c, const void *bytes, size_t len);

/* Builds a message (little-endian header, then payload) into buf; returns its size. */
size_t st_encode(uint8_t *buf, uint32_t type, uint32_t req_id, uint32_t tx_id,
		 const void *payload, size_t len);

/* Takes the next queued message off c's output; false if none is whole. */
bool st_recv(struct store_conn *c, struct st_msg *m);

/* Sends one request and returns its reply (events before it are kept). */
void st_request(struct store_conn *c, uint32_t type, uint32_t tx, const void *payload,
		size_t len, struct st_msg *reply);
const char *st_error(const struct st_msg *reply);

/* Requests whose payload is the given strings, each NUL-terminated. */
const char *st_call(struct store_conn *c, uint32_t type, uint32_t tx, struct st_msg *reply,
		    const char *first, ...) __attribute__((sentinel));

const char *st_write(struct store_conn *c, uint32_t tx, const char *path, const char *value);
/* value: 4097 bytes or NULL. */
const char *st_read(struct store_conn *c, uint32_t tx, const char *path, char *value);
const char *st_mkdir(struct store_conn *c, uint32_t tx, const char *path);
const char *st_rm(struct store_conn *c, uint32_t tx, const char *path);
/* The child names joined with ',' into list (4097 bytes). */
const char *st_dir(struct store_conn *c, uint32_t tx, const char *path, char *list);
/* Permissions as "n0,r5" in both directions. */
const char *st_get_perms(struct store_conn *c, uint32_t tx, const char *path, char *perms);
const char *st_set_perms(struct store_conn *c, uint32_t tx, const char *path, const char *perms);
const char *st_watch(struct store_conn *c, const char *path, const char *token);
const char *st_unwatch(struct store_conn *c, const char *path, const char *token);
const char *st_tx_start(struct store_conn *c, uint32_t *id);
const char *st_tx_end(struct store_conn *c, uint32_t id, bool commit);

/* The next watch event of c; false if there is none. */
bool st_event(struct store_conn *c, char *path, char *token);
/* Drops every pending event of c; returns how many there were. */
unsigned int st_drain_events(struct store_conn *c);

#endif /* SHALE_TESTS_UNIT_STORE_HARNESS_H */
