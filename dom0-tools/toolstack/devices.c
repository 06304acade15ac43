/* SPDX-License-Identifier: MIT */
/* Each domain's console and store rings: dom0's ends and the record other code looks up. */
#include <malloc.h>
#include <printf.h>
#include <public/errno.h>
#include "backends/console.h"
#include "devices.h"
#include "domctl.h"
#include "errname.h"
#include "store_domain.h"

struct rings_entry {
	struct rings_entry *next;
	struct domain_rings r;
	bool in_store;		/* introduced to the store (which then serves its ring) */
};

static struct rings_entry *entries;

const struct domain_rings *domain_rings(uint16_t domid)
{
	for (struct rings_entry *e = entries; e; e = e->next)
		if (e->r.domid == domid)
			return &e->r;
	return NULL;
}

int ts_rings_alloc_ports(uint16_t domid, struct domain_rings *r)
{
	int rc = evtchn_alloc_unbound_in(domid, 0, &r->console_port);

	if (!rc)
		rc = evtchn_alloc_unbound_in(domid, 0, &r->store_port);
	return rc;
}

/*
 * Without a store (it failed to start), the console still works: the
 * backend takes the ring from the record instead of from the store.
 */
static int connect_console(struct rings_entry *e, bool via_store)
{
	const struct domain_rings *r = &e->r;

	if (via_store)
		return console_backend_add_from_store(r->domid, &e->r.dom0_console_port);
	return console_backend_add(r->domid, r->console_mfn, r->console_port,
				   &e->r.dom0_console_port);
}

int ts_rings_connect(const struct domain_rings *r, const char *name, uint64_t nr_pages,
		     uint64_t max_pages, char *msg, size_t size)
{
	struct ts_store_domain d = {
		.domid = r->domid, .name = name,
		.target_kib = nr_pages * 4, .max_kib = max_pages * 4,
		.store_mfn = r->store_mfn, .store_port = r->store_port,
		.console_mfn = r->console_mfn, .console_port = r->console_port,
	};
	struct rings_entry *e = calloc(1, sizeof(*e));
	int rc;

	if (!e)
		return -SHALE_ENOMEM;
	e->r = *r;
	rc = ts_store_introduce(&d, msg, size);
	e->in_store = rc == 0;
	if (rc && rc != -SHALE_ENODEV)
		goto out;
	rc = connect_console(e, e->in_store);
	if (rc) {
		snprintf(msg, size, "console backend: %s", ts_errname(rc));
		if (e->in_store)
			ts_store_forget(r->domid);
		goto out;
	}
	e->next = entries;
	entries = e;
	return 0;
out:
	free(e);
	return rc;
}

void ts_rings_release(uint16_t domid)
{
	for (struct rings_entry **p = &entries; *p; p = &(*p)->next) {
		struct rings_entry *e = *p;

		if (e->r.domid != domid)
			continue;
		console_backend_remove(domid);
		if (e->in_store)
			ts_store_forget(domid);
		*p = e->next;
		free(e);
		return;
	}
}

void ts_rings_prune(void)
{
	struct rings_entry *e = entries;

	while (e) {
		struct rings_entry *next = e->next;
		ts_dominfo_t info;
		int rc = ts_domain_info(e->r.domid, &info);

		if (rc == -SHALE_ESRCH || (!rc && (info.flags & SHALE_DOMINF_dying)))
			ts_rings_release(e->r.domid);
		e = next;
	}
}
