/* SPDX-License-Identifier: MIT */
/*
 * The tree's storage: one LMDB database of node records keyed by path.
 *
 * LMDB keys hold at most 511 bytes and paths may be longer, so a path of up
 * to DB_KEY_DIRECT_MAX bytes is its own key, and a longer one is keyed by
 * its first bytes, a marker byte (0xff, which no valid path contains), a
 * hash of the whole path and a sequence number; its record then holds the
 * full path, which lookups compare, so hash collisions only cost a step.
 */
#ifndef SHALE_XENSTORE_DB_H
#define SHALE_XENSTORE_DB_H

#include <stddef.h>
#include <stdint.h>
#include <lmdb.h>
#include "node.h"

#define DB_KEY_DIRECT_MAX	480

struct db {
	MDB_env *env;
	MDB_dbi dbi;
};

/*
 * Opens or creates the environment in the file at path. Returns 0, or an
 * errno value with a reason in err.
 */
int db_open(struct db *db, const char *path, char *err, size_t errlen);

/* Flushes to the file and closes. */
void db_close(struct db *db);

/* Transactions: flags 0 for the writer, MDB_RDONLY for a snapshot. */
int db_begin(struct db *db, unsigned int flags, MDB_txn **txn);
int db_commit(MDB_txn *txn);

/* Reads the node at path: 0, ENOENT, EIO (a damaged record), ENOMEM. */
int db_get(const struct db *db, MDB_txn *txn, const char *path, size_t len, struct node **out);

/* The generation and owner of the node at path: 0, ENOENT or EIO. */
int db_peek(const struct db *db, MDB_txn *txn, const char *path, size_t len,
	    uint64_t *generation, unsigned int *owner);

/* Stores or removes the node at path: 0, ENOSPC (map full), EIO. */
int db_put(const struct db *db, MDB_txn *txn, const char *path, size_t len, const struct node *n);
int db_del(const struct db *db, MDB_txn *txn, const char *path, size_t len);

/* Calls fn for every record (generation, owner); 0 or EIO. */
int db_scan(const struct db *db, MDB_txn *txn,
	    void (*fn)(void *ctx, uint64_t generation, unsigned int owner), void *ctx);

/* An LMDB return code as an errno value. */
int db_errno(int rc);

#endif /* SHALE_XENSTORE_DB_H */
