/* SPDX-License-Identifier: MIT */
/* Views: reads through an overlay of uncommitted changes, commit with conflict checks. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "core.h"
#include "errors.h"

enum entry_state { ENTRY_CLEAN, ENTRY_PUT, ENTRY_DEL };

/* One path the view has read or changed. */
struct view_entry {
	struct view_entry *hnext;	/* bucket chain */
	struct view_entry *next;	/* in the order first touched */
	enum entry_state state;
	bool base_exists;		/* as the view's LMDB transaction had it */
	unsigned int base_owner;
	uint64_t base_generation;
	struct node *node;		/* ENTRY_PUT: the new node */
	size_t len;
	char path[];
};

struct view_event {
	struct view_event *next;
	bool exact;
	unsigned int nperms;
	size_t len;
	struct perm *perms;
	char *path;
};

#define VIEW_MIN_BUCKETS 64

int view_init(struct view *v, struct store *store, enum view_kind kind)
{
	int rc;

	memset(v, 0, sizeof(*v));
	v->store = store;
	v->kind = kind;
	switch (kind) {
	case VIEW_READ:
		rc = db_errno(mdb_txn_renew(store->read_txn));
		v->txn = rc ? NULL : store->read_txn;
		return rc;
	case VIEW_WRITE:
		return db_begin(&store->db, 0, &v->txn);
	case VIEW_TX:
		return db_begin(&store->db, MDB_RDONLY, &v->txn);
	}
	return EINVAL;
}

void view_fini(struct view *v)
{
	struct view_entry *e = v->first;
	struct view_event *ev = v->events;

	while (e) {
		struct view_entry *next = e->next;

		node_free(e->node);
		free(e);
		e = next;
	}
	while (ev) {
		struct view_event *next = ev->next;

		free(ev);
		ev = next;
	}
	free(v->buckets);
	free(v->deltas);
	if (v->txn) {
		if (v->kind == VIEW_READ)
			mdb_txn_reset(v->txn);
		else
			mdb_txn_abort(v->txn);
	}
	memset(v, 0, sizeof(*v));
}

static unsigned int bucket_of(const struct view *v, const char *path, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (uint8_t)path[i]) * 16777619u;
	return h & (v->nbuckets - 1);
}

static struct view_entry *find(const struct view *v, const char *path, size_t len)
{
	struct view_entry *e;

	if (!v->nbuckets)
		return NULL;
	for (e = v->buckets[bucket_of(v, path, len)]; e; e = e->hnext)
		if (e->len == len && memcmp(e->path, path, len) == 0)
			return e;
	return NULL;
}

/* Keeps chains short: doubles the table when it holds two entries a bucket. */
static int grow(struct view *v)
{
	unsigned int n = v->nbuckets ? v->nbuckets * 2 : VIEW_MIN_BUCKETS;
	struct view_entry **b = calloc(n, sizeof(*b)), *e;

	if (!b)
		return ENOMEM;
	free(v->buckets);
	v->buckets = b;
	v->nbuckets = n;
	for (e = v->first; e; e = e->next) {
		unsigned int i = bucket_of(v, e->path, e->len);

		e->hnext = b[i];
		b[i] = e;
	}
	return 0;
}

static int add_entry(struct view *v, const char *path, size_t len, bool exists,
		     uint64_t generation, unsigned int owner, struct view_entry **out)
{
	struct view_entry *e;
	unsigned int i;

	if ((v->nentries + 1 > v->nbuckets * 2) && grow(v))
		return ENOMEM;
	e = calloc(1, sizeof(*e) + len + 1);
	if (!e)
		return ENOMEM;
	memcpy(e->path, path, len);
	e->len = len;
	e->state = ENTRY_CLEAN;
	e->base_exists = exists;
	e->base_generation = generation;
	e->base_owner = owner;
	i = bucket_of(v, path, len);
	e->hnext = v->buckets[i];
	v->buckets[i] = e;
	if (v->last)
		v->last->next = e;
	else
		v->first = e;
	v->last = e;
	v->nentries++;
	*out = e;
	return 0;
}

/* The entry for path, made from the base if the view has not touched it. */
static int entry_for(struct view *v, const char *path, size_t len, struct view_entry **out)
{
	uint64_t generation = 0;
	unsigned int owner = 0;
	int rc;

	*out = find(v, path, len);
	if (*out)
		return 0;
	rc = db_peek(&v->store->db, v->txn, path, len, &generation, &owner);
	if (rc && rc != ENOENT)
		return rc;
	return add_entry(v, path, len, rc == 0, generation, owner, out);
}

int view_get(struct view *v, const char *path, size_t len, struct node **out)
{
	struct view_entry *e = find(v, path, len);
	int rc;

	if (e && e->state == ENTRY_PUT) {
		*out = node_with_value(e->node, e->node->value, e->node->value_len);
		return *out ? 0 : ENOMEM;
	}
	if (e && (e->state == ENTRY_DEL || !e->base_exists))
		return ENOENT;
	rc = db_get(&v->store->db, v->txn, path, len, out);
	if (rc == EIO)
		store_log(v->store, "damaged record at %.*s", (int)len, path);
	/* Changes need the base's owner later; transactions need what they read. */
	if (!e && v->kind != VIEW_READ && (rc == 0 || rc == ENOENT)) {
		int arc = add_entry(v, path, len, rc == 0, rc ? 0 : (*out)->generation,
				    rc ? 0 : node_owner(*out), &e);

		if (arc) {
			if (!rc)
				node_free(*out);
			return arc;
		}
	}
	return rc;
}

static int adjust(struct view *v, unsigned int domid, int delta)
{
	unsigned int i;

	for (i = 0; i < v->ndeltas; i++)
		if (v->deltas[i].domid == domid) {
			v->deltas[i].nodes += delta;
			return 0;
		}
	if (v->ndeltas == v->deltas_cap) {
		unsigned int cap = v->deltas_cap ? v->deltas_cap * 2 : 4;
		struct view_delta *d = realloc(v->deltas, cap * sizeof(*d));

		if (!d)
			return ENOMEM;
		v->deltas = d;
		v->deltas_cap = cap;
	}
	v->deltas[v->ndeltas].domid = domid;
	v->deltas[v->ndeltas].nodes = delta;
	v->ndeltas++;
	return 0;
}

/* Replaces what the entry holds, keeping the owners' node counts right. */
static int set_entry(struct view *v, struct view_entry *e, enum entry_state state,
		     struct node *n)
{
	bool had = e->state == ENTRY_PUT || (e->state == ENTRY_CLEAN && e->base_exists);
	unsigned int old_owner = e->state == ENTRY_PUT ? node_owner(e->node) : e->base_owner;

	if ((had && adjust(v, old_owner, -1)) || (n && adjust(v, node_owner(n), 1))) {
		v->failed = true;
		node_free(n);
		return ENOMEM;
	}
	node_free(e->node);
	e->node = n;
	e->state = state;
	v->changed = true;
	return 0;
}

int view_put(struct view *v, const char *path, size_t len, struct node *n)
{
	struct view_entry *e;
	int rc = entry_for(v, path, len, &e);

	if (rc) {
		v->failed = true;
		node_free(n);
		return rc;
	}
	return set_entry(v, e, ENTRY_PUT, n);
}

int view_del(struct view *v, const char *path, size_t len)
{
	struct view_entry *e;
	int rc = entry_for(v, path, len, &e);

	if (rc) {
		v->failed = true;
		return rc;
	}
	return set_entry(v, e, ENTRY_DEL, NULL);
}

static int delta_of(const struct view *v, unsigned int domid)
{
	unsigned int i;

	for (i = 0; i < v->ndeltas; i++)
		if (v->deltas[i].domid == domid)
			return v->deltas[i].nodes;
	return 0;
}

unsigned int view_nodes_owned(const struct view *v, unsigned int domid)
{
	long n = (long)quota_nodes(&v->store->quota, domid) + delta_of(v, domid);

	return n > 0 ? (unsigned int)n : 0;
}

int view_event(struct view *v, const char *path, size_t len, bool exact, const struct node *n)
{
	size_t perm_bytes = (size_t)n->nperms * sizeof(struct perm);
	struct view_event *ev = malloc(sizeof(*ev) + perm_bytes + len + 1);

	if (!ev) {
		v->failed = true;
		return ENOMEM;
	}
	ev->next = NULL;
	ev->exact = exact;
	ev->nperms = n->nperms;
	ev->perms = (struct perm *)(ev + 1);
	memcpy(ev->perms, n->perms, perm_bytes);
	ev->path = (char *)(ev->perms + n->nperms);
	memcpy(ev->path, path, len);
	ev->path[len] = '\0';
	ev->len = len;
	if (v->events_last)
		v->events_last->next = ev;
	else
		v->events = ev;
	v->events_last = ev;
	return 0;
}

/* Whether anything a transaction read or changed was changed by another commit. */
static int check_conflicts(struct view *v, MDB_txn *w)
{
	struct view_entry *e;

	for (e = v->first; e; e = e->next) {
		uint64_t generation = 0;
		int rc = db_peek(&v->store->db, w, e->path, e->len, &generation, NULL);

		if (rc && rc != ENOENT)
			return rc;
		if ((rc == 0) != e->base_exists || generation != e->base_generation)
			return EAGAIN;
	}
	return 0;
}

static int check_quota(const struct view *v, unsigned int domid)
{
	if (domid == 0 || delta_of(v, domid) <= 0)
		return 0;
	return view_nodes_owned(v, domid) > v->store->limits.max_nodes_per_domain ?
	       STORE_EQUOTA : 0;
}

static int write_entries(struct view *v, MDB_txn *w, uint64_t generation)
{
	struct view_entry *e;
	int rc = 0;

	for (e = v->first; e && !rc; e = e->next) {
		if (e->state == ENTRY_PUT) {
			e->node->generation = generation;
			rc = db_put(&v->store->db, w, e->path, e->len, e->node);
		} else if (e->state == ENTRY_DEL) {
			rc = db_del(&v->store->db, w, e->path, e->len);
			if (rc == ENOENT)
				rc = 0;	/* made and removed within the view */
		}
	}
	return rc;
}

int view_commit(struct view *v, unsigned int domid)
{
	struct store *store = v->store;
	uint64_t generation = store->generation + 1;
	MDB_txn *w = v->txn;
	unsigned int i;
	int rc;

	if (v->failed)
		return ENOMEM;
	if (!v->changed)
		return 0;	/* a snapshot read alone is consistent */
	if (v->kind == VIEW_TX) {
		rc = db_begin(&store->db, 0, &w);
		if (rc)
			return rc;
		rc = check_conflicts(v, w);
		if (!rc)
			rc = check_quota(v, domid);
	} else {
		v->txn = NULL;	/* committed or aborted below */
		rc = 0;
	}
	if (!rc)
		rc = write_entries(v, w, generation);
	if (rc) {
		mdb_txn_abort(w);
		return rc;
	}
	rc = db_commit(w);
	if (rc)
		return rc;
	store->generation = generation;
	for (i = 0; i < v->ndeltas; i++)
		quota_adjust(&store->quota, v->deltas[i].domid, v->deltas[i].nodes);
	return 0;
}

void view_fire_events(struct view *v)
{
	struct view_event *ev;

	for (ev = v->events; ev; ev = ev->next)
		watch_fire(v->store, ev->path, ev->len, ev->exact, ev->perms, ev->nperms);
}
