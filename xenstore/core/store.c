/* SPDX-License-Identifier: MIT */
/* Opening and closing the store: the database, the base nodes, counts and statistics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "core.h"
#include "errors.h"
#include "tree.h"

void store_default_limits(struct store_limits *limits)
{
	limits->max_nodes_per_domain = 1000;
	limits->max_value_size = 2048;
	limits->max_watches_per_conn = 128;
	limits->max_transactions_per_conn = 10;
	limits->max_output_queued = 256 * 1024;
}

void store_log(const struct store *store, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!store->hooks.log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	store->hooks.log(store->hooks.ctx, line);
}

static void count_node(void *ctx, uint64_t generation, unsigned int owner)
{
	struct store *store = ctx;

	if (generation > store->generation)
		store->generation = generation;
	quota_adjust(&store->quota, owner, 1);
}

/* Only dom0 may see or change the base nodes until the toolstack says otherwise. */
static const struct perm dom0_only = { .domid = 0, .rights = 0 };

static const char *const base_nodes[] = { "/local", "/local/domain", "/tool" };

/* Creates "/" and the base nodes when missing, in one commit. */
static int create_base(struct store *store)
{
	struct node *root;
	struct view v;
	size_t i;
	int rc = view_init(&v, store, VIEW_WRITE);

	if (rc)
		return rc;
	rc = view_get(&v, "/", 1, &root);
	if (rc == ENOENT) {
		root = node_new(&dom0_only, 1, NULL, 0, NULL, 0);
		rc = root ? view_put(&v, "/", 1, root) : ENOMEM;
	} else if (!rc) {
		node_free(root);
	}
	for (i = 0; i < sizeof(base_nodes) / sizeof(base_nodes[0]) && !rc; i++)
		rc = tree_ensure(&v, base_nodes[i], strlen(base_nodes[i]), &dom0_only, 1);
	if (!rc)
		rc = view_commit(&v, 0);
	view_fini(&v);
	return rc;
}

/* Counts owned nodes and finds the latest generation. */
static int scan(struct store *store)
{
	MDB_txn *txn;
	int rc = db_begin(&store->db, MDB_RDONLY, &txn);

	if (rc)
		return rc;
	rc = db_scan(&store->db, txn, count_node, store);
	mdb_txn_abort(txn);
	return rc;
}

struct store *store_open(const char *path, const struct store_limits *limits,
			 const struct store_hooks *hooks, char *err, size_t errlen)
{
	struct store *store = calloc(1, sizeof(*store));
	int rc;

	if (!store) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (limits)
		store->limits = *limits;
	else
		store_default_limits(&store->limits);
	if (hooks)
		store->hooks = *hooks;
	if (quota_init(&store->quota)) {
		snprintf(err, errlen, "out of memory");
		free(store);
		return NULL;
	}
	rc = db_open(&store->db, path, err, errlen);
	if (rc)
		goto fail_quota;
	rc = db_begin(&store->db, MDB_RDONLY, &store->read_txn);
	if (!rc) {
		mdb_txn_reset(store->read_txn);
		rc = scan(store);
		if (rc)
			snprintf(err, errlen, "%s: damaged records (%s)", path, store_error_name(rc));
	}
	if (!rc) {
		rc = create_base(store);
		if (rc)
			snprintf(err, errlen, "%s: cannot create the base nodes (%s)", path,
				 store_error_name(rc));
	}
	if (!rc)
		return store;
	if (store->read_txn)
		mdb_txn_abort(store->read_txn);
	db_close(&store->db);
fail_quota:
	quota_fini(&store->quota);
	free(store);
	return NULL;
}

void store_close(struct store *store)
{
	if (!store)
		return;
	while (store->conns)
		store_conn_free(store->conns);
	domain_free_all(store);
	mdb_txn_abort(store->read_txn);
	db_close(&store->db);
	quota_fini(&store->quota);
	free(store);
}

void store_get_stats(const struct store *store, struct store_stats *st)
{
	*st = store->stats;
}
