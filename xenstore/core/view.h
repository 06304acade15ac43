/* SPDX-License-Identifier: MIT */
/*
 * A view of the tree that one request, or one store transaction, works on:
 * an LMDB transaction to read from, and an overlay of the nodes it has
 * changed, which reach LMDB only at commit, in one write transaction.
 *
 *   VIEW_READ   a read outside a transaction: the store's reused snapshot
 *   VIEW_WRITE  a change outside a transaction: reads from the write
 *               transaction it commits into
 *   VIEW_TX     a store transaction: reads from a snapshot taken at start,
 *               remembers the generation of every node it read, and at
 *               commit refuses with EAGAIN if any of them has changed
 *
 * The view also counts, per owner, the nodes its changes add or remove
 * (for the node quota), and records the watch events its changes cause,
 * fired only once the commit succeeded.
 */
#ifndef SHALE_XENSTORE_VIEW_H
#define SHALE_XENSTORE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <lmdb.h>
#include "node.h"

struct store;

enum view_kind { VIEW_READ, VIEW_WRITE, VIEW_TX };

struct view_entry;
struct view_event;

struct view_delta {
	unsigned int domid;
	int nodes;
};

struct view {
	struct store *store;
	enum view_kind kind;
	MDB_txn *txn;
	bool failed;		/* a change half-done for want of memory */
	bool changed;
	struct view_entry **buckets;
	unsigned int nbuckets, nentries;
	struct view_entry *first, *last;
	struct view_delta *deltas;
	unsigned int ndeltas, deltas_cap;
	struct view_event *events, *events_last;
};

/* Starts a view; 0, ENOSPC (no reader slot left), EIO. */
int view_init(struct view *v, struct store *store, enum view_kind kind);

/* Ends the view, dropping whatever was not committed. */
void view_fini(struct view *v);

/* The node at path as this view sees it (a copy the caller frees): 0, ENOENT, EIO, ENOMEM. */
int view_get(struct view *v, const char *path, size_t len, struct node **out);

/* Sets (taking n) or removes the node at path in the overlay; 0 or ENOMEM. */
int view_put(struct view *v, const char *path, size_t len, struct node *n);
int view_del(struct view *v, const char *path, size_t len);

/* Nodes domid owns with this view's changes applied. */
unsigned int view_nodes_owned(const struct view *v, unsigned int domid);

/*
 * Records a watch event for path: exact events fire only watches on path
 * itself, others also those on its ancestors. perms decide who may see it.
 */
int view_event(struct view *v, const char *path, size_t len, bool exact, const struct node *n);

/*
 * Writes the overlay to LMDB in one write transaction. For VIEW_TX, first
 * checks that nothing the view read has changed since (EAGAIN otherwise),
 * and that domid's node quota still holds (STORE_EQUOTA). 0, EAGAIN,
 * STORE_EQUOTA, ENOSPC, ENOMEM, EIO. Either way the view is spent.
 */
int view_commit(struct view *v, unsigned int domid);

/* Queues the recorded watch events (after a successful commit). */
void view_fire_events(struct view *v);

#endif /* SHALE_XENSTORE_VIEW_H */
