/* SPDX-License-Identifier: MIT */
/*
 * Store transactions: each is a VIEW_TX view (a snapshot at start plus the
 * changes made in it) belonging to one connection, committed or dropped
 * by TRANSACTION_END. Ids are unique in the store, never 0.
 */
#include <stdlib.h>
#include <errno.h>
#include "core.h"
#include "errors.h"

int tx_start(struct store_conn *conn, uint32_t *id)
{
	struct store *store = conn->store;
	struct transaction *tx;
	int rc;

	if (conn->domid != 0 && conn->ntxs >= store->limits.max_transactions_per_conn)
		return STORE_EQUOTA;
	tx = calloc(1, sizeof(*tx));
	if (!tx)
		return ENOMEM;
	rc = view_init(&tx->view, store, VIEW_TX);
	if (rc) {
		free(tx);
		return rc;
	}
	do {
		tx->id = ++store->next_tx_id;
	} while (tx->id == 0 || tx_find(conn, tx->id));
	tx->next = conn->txs;
	conn->txs = tx;
	conn->ntxs++;
	*id = tx->id;
	return 0;
}

struct transaction *tx_find(struct store_conn *conn, uint32_t id)
{
	struct transaction *tx;

	for (tx = conn->txs; tx; tx = tx->next)
		if (tx->id == id)
			return tx;
	return NULL;
}

void tx_detach(struct store_conn *conn, struct transaction *tx)
{
	struct transaction **link;

	for (link = &conn->txs; *link; link = &(*link)->next)
		if (*link == tx) {
			*link = tx->next;
			conn->ntxs--;
			return;
		}
}

int tx_commit(struct store_conn *conn, struct transaction *tx)
{
	int rc = view_commit(&tx->view, conn->domid);

	if (rc == EAGAIN)
		conn->store->stats.conflicts++;
	return rc;
}

void tx_free(struct transaction *tx)
{
	view_fini(&tx->view);
	free(tx);
}

void tx_end_all(struct store_conn *conn)
{
	while (conn->txs) {
		struct transaction *tx = conn->txs;

		conn->txs = tx->next;
		tx_free(tx);
	}
	conn->ntxs = 0;
}
