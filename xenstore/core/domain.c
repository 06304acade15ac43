/* SPDX-License-Identifier: MIT */
/*
 * Introduced domains: which domains dom0 has introduced, and the ring
 * connection the host made for each. INTRODUCE asks the host to connect
 * the domain and fires @introduceDomain; RELEASE asks the host to drop it,
 * frees its connection (its watches and transactions with it) and fires
 * @releaseDomain. The domain's nodes stay: removing them is the
 * toolstack's business, as in Xen.
 */
#include <stdlib.h>
#include <errno.h>
#include "core.h"

static struct domain_entry **find_domain(struct store *store, unsigned int domid)
{
	struct domain_entry **d;

	for (d = &store->domains; *d; d = &(*d)->next)
		if ((*d)->domid == domid)
			return d;
	return d;
}

bool domain_is_introduced(const struct store *store, unsigned int domid)
{
	const struct domain_entry *d;

	if (domid == 0)
		return true;
	for (d = store->domains; d; d = d->next)
		if (d->domid == domid)
			return true;
	return false;
}

/* The newest connection speaking for domid: the one introduce() just made. */
static struct store_conn *newest_conn(struct store *store, unsigned int domid)
{
	struct store_conn *c;

	for (c = store->conns; c; c = c->next)
		if (c->domid == domid)
			return c;
	return NULL;
}

int domain_introduce(struct store *store, unsigned int domid, uint64_t mfn, uint32_t port)
{
	struct domain_entry *d;
	int rc;

	if (*find_domain(store, domid))
		return EEXIST;
	d = calloc(1, sizeof(*d));
	if (!d)
		return ENOMEM;
	if (store->hooks.introduce) {
		rc = store->hooks.introduce(store->hooks.ctx, domid, mfn, port);
		if (rc) {
			free(d);
			return rc > 0 ? rc : EIO;
		}
	}
	d->domid = domid;
	d->conn = newest_conn(store, domid);
	d->next = store->domains;
	store->domains = d;
	return 0;
}

int domain_release(struct store *store, unsigned int domid)
{
	struct domain_entry **link = find_domain(store, domid), *d = *link;

	if (!d)
		return ENOENT;
	*link = d->next;
	if (store->hooks.release)
		store->hooks.release(store->hooks.ctx, domid);
	if (d->conn)
		store_conn_free(d->conn);
	free(d);
	return 0;
}

void domain_forget_conn(struct store *store, const struct store_conn *conn)
{
	struct domain_entry *d;

	for (d = store->domains; d; d = d->next)
		if (d->conn == conn)
			d->conn = NULL;
}

void domain_free_all(struct store *store)
{
	while (store->domains) {
		struct domain_entry *d = store->domains;

		store->domains = d->next;
		free(d);
	}
}

struct store_conn *store_conn_for_domain(struct store *store, unsigned int domid)
{
	struct domain_entry *d = *find_domain(store, domid);

	return d ? d->conn : NULL;
}
