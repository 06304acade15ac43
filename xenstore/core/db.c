/* SPDX-License-Identifier: MIT */
/* Node records in LMDB: keys for paths of any valid length, get, put, delete, scan. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "db.h"

/*
 * The map is address space, not memory: the file grows as nodes are
 * added. Each open transaction holds one reader slot.
 */
#ifndef DB_MAP_SIZE
#define DB_MAP_SIZE	((size_t)1 << 30)
#endif
#ifndef DB_MAX_READERS
#define DB_MAX_READERS	4096
#endif

#define KEY_PREFIX_LEN	440
#define KEY_MARK	0xff
#define KEY_MATCH_LEN	(KEY_PREFIX_LEN + 1 + 8)	/* prefix, marker, hash */
#define KEY_LONG_LEN	(KEY_MATCH_LEN + 2)		/* then the sequence number */

_Static_assert(KEY_LONG_LEN <= 511 && DB_KEY_DIRECT_MAX <= 511, "LMDB's default key limit");

int db_errno(int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return 0;
	case MDB_NOTFOUND:
		return ENOENT;
	case MDB_MAP_FULL:
	case MDB_READERS_FULL:
	case MDB_TXN_FULL:
		return ENOSPC;
	case ENOMEM:
		return ENOMEM;
	default:
		return EIO;
	}
}

/* FNV-1a: spreads long paths over keys; collisions are resolved by compare. */
static uint64_t path_hash(const char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (uint8_t)p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static void long_key_prefix(const char *path, size_t len, uint8_t *key)
{
	uint64_t h = path_hash(path, len);
	int i;

	memcpy(key, path, KEY_PREFIX_LEN);
	key[KEY_PREFIX_LEN] = KEY_MARK;
	for (i = 0; i < 8; i++)
		key[KEY_PREFIX_LEN + 1 + i] = (uint8_t)(h >> (56 - 8 * i));
}

/*
 * Finds the record of a long path. On 0, key (KEY_LONG_LEN bytes) and data
 * describe it; on ENOENT, key holds a free key for it. EIO, ENOSPC.
 */
static int find_long(const struct db *db, MDB_txn *txn, const char *path, size_t len,
		     uint8_t *key, MDB_val *data)
{
	MDB_cursor *cur;
	MDB_val k = { .mv_size = KEY_MATCH_LEN, .mv_data = key };
	unsigned int next_seq = 0;
	int rc;

	long_key_prefix(path, len, key);
	rc = mdb_cursor_open(txn, db->dbi, &cur);
	if (rc)
		return db_errno(rc);
	for (rc = mdb_cursor_get(cur, &k, data, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(cur, &k, data, MDB_NEXT)) {
		const uint8_t *kb = k.mv_data;
		const char *stored;
		size_t stored_len;
		unsigned int seq;

		if (k.mv_size != KEY_LONG_LEN || memcmp(kb, key, KEY_MATCH_LEN) != 0)
			break;
		seq = (unsigned int)kb[KEY_MATCH_LEN] << 8 | kb[KEY_MATCH_LEN + 1];
		next_seq = seq + 1;
		if (node_record_peek(data->mv_data, data->mv_size, NULL, NULL, &stored,
				     &stored_len) == 0 &&
		    stored_len == len && memcmp(stored, path, len) == 0) {
			memcpy(key, kb, KEY_LONG_LEN);
			mdb_cursor_close(cur);
			return 0;
		}
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return db_errno(rc);
	if (next_seq > 0xffff)
		return ENOSPC;
	key[KEY_MATCH_LEN] = (uint8_t)(next_seq >> 8);
	key[KEY_MATCH_LEN + 1] = (uint8_t)next_seq;
	return ENOENT;
}

/* Looks up the record at path: 0 with data, ENOENT, or another error. */
static int lookup(const struct db *db, MDB_txn *txn, const char *path, size_t len,
		  MDB_val *data)
{
	uint8_t key[KEY_LONG_LEN];
	MDB_val k = { .mv_size = len, .mv_data = (void *)path };

	if (len > DB_KEY_DIRECT_MAX)
		return find_long(db, txn, path, len, key, data);
	return db_errno(mdb_get(txn, db->dbi, &k, data));
}

int db_get(const struct db *db, MDB_txn *txn, const char *path, size_t len, struct node **out)
{
	MDB_val data;
	int rc = lookup(db, txn, path, len, &data);

	return rc ? rc : node_record_read(data.mv_data, data.mv_size, out);
}

int db_peek(const struct db *db, MDB_txn *txn, const char *path, size_t len,
	    uint64_t *generation, unsigned int *owner)
{
	MDB_val data;
	int rc = lookup(db, txn, path, len, &data);

	return rc ? rc : node_record_peek(data.mv_data, data.mv_size, generation, owner, NULL, NULL);
}

int db_put(const struct db *db, MDB_txn *txn, const char *path, size_t len, const struct node *n)
{
	uint8_t key[KEY_LONG_LEN];
	MDB_val k = { .mv_size = len, .mv_data = (void *)path }, data;
	size_t stored_len = 0;
	int rc;

	if (len > DB_KEY_DIRECT_MAX) {
		rc = find_long(db, txn, path, len, key, &data);
		if (rc && rc != ENOENT)
			return rc;
		k.mv_size = KEY_LONG_LEN;
		k.mv_data = key;
		stored_len = len;
	}
	data.mv_size = node_record_size(n, stored_len);
	rc = mdb_put(txn, db->dbi, &k, &data, MDB_RESERVE);
	if (rc)
		return db_errno(rc);
	node_record_write(n, path, stored_len, data.mv_data);
	return 0;
}

int db_del(const struct db *db, MDB_txn *txn, const char *path, size_t len)
{
	uint8_t key[KEY_LONG_LEN];
	MDB_val k = { .mv_size = len, .mv_data = (void *)path }, data;
	int rc;

	if (len > DB_KEY_DIRECT_MAX) {
		rc = find_long(db, txn, path, len, key, &data);
		if (rc)
			return rc;
		k.mv_size = KEY_LONG_LEN;
		k.mv_data = key;
	}
	return db_errno(mdb_del(txn, db->dbi, &k, NULL));
}

int db_scan(const struct db *db, MDB_txn *txn,
	    void (*fn)(void *ctx, uint64_t generation, unsigned int owner), void *ctx)
{
	MDB_cursor *cur;
	MDB_val k, data;
	int rc = mdb_cursor_open(txn, db->dbi, &cur);

	if (rc)
		return db_errno(rc);
	for (rc = mdb_cursor_get(cur, &k, &data, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &data, MDB_NEXT)) {
		uint64_t generation;
		unsigned int owner;

		if (node_record_peek(data.mv_data, data.mv_size, &generation, &owner, NULL, NULL)) {
			rc = EIO;
			break;
		}
		fn(ctx, generation, owner);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : db_errno(rc);
}

int db_begin(struct db *db, unsigned int flags, MDB_txn **txn)
{
	return db_errno(mdb_txn_begin(db->env, NULL, flags, txn));
}

int db_commit(MDB_txn *txn)
{
	return db_errno(mdb_txn_commit(txn));
}

int db_open(struct db *db, const char *path, char *err, size_t errlen)
{
	MDB_txn *txn;
	int dead, rc;

	db->env = NULL;

	/*
	 * NOSYNC: commits reach the file through the page cache, so they
	 * survive the daemon's exit or crash but not the host's; db_close
	 * flushes. NOTLS: one thread holds many snapshots (one per open
	 * store transaction).
	 */
	rc = mdb_env_create(&db->env);
	if (!rc)
		rc = mdb_env_set_mapsize(db->env, DB_MAP_SIZE);
	if (!rc)
		rc = mdb_env_set_maxreaders(db->env, DB_MAX_READERS);
	if (!rc)
		rc = mdb_env_open(db->env, path, MDB_NOSUBDIR | MDB_NOTLS | MDB_NOSYNC, 0600);
	if (!rc)
		rc = mdb_reader_check(db->env, &dead);
	if (!rc)
		rc = mdb_txn_begin(db->env, NULL, 0, &txn);
	if (!rc) {
		rc = mdb_dbi_open(txn, NULL, 0, &db->dbi);
		if (rc)
			mdb_txn_abort(txn);
		else
			rc = mdb_txn_commit(txn);
	}
	if (rc) {
		snprintf(err, errlen, "%s: %s", path, mdb_strerror(rc));
		if (db->env)
			mdb_env_close(db->env);
		db->env = NULL;
		return db_errno(rc) ? db_errno(rc) : EIO;
	}
	return 0;
}

void db_close(struct db *db)
{
	if (!db->env)
		return;
	mdb_env_sync(db->env, 1);
	mdb_env_close(db->env);
	db->env = NULL;
}
