/* SPDX-License-Identifier: MIT */
/* Each domain's console and store rings: dom0's ends and the record other code looks up. */
#include <malloc.h>
#include <public/errno.h>
#include "backends/console.h"
#include "devices.h"
#include "domctl.h"

struct rings_entry {
	struct rings_entry *next;
	struct domain_rings r;
};

static struct rings_entry *entries;
static void (*store_handler)(uint16_t domid, void *data);
static void *store_handler_data;
static unsigned long store_ignored;

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

static void on_store_event(evtchn_port_t port, void *data)
{
	const struct rings_entry *e = data;

	if (store_handler)
		store_handler(e->r.domid, store_handler_data);
	else
		store_ignored++;
}

int ts_rings_connect(const struct domain_rings *r)
{
	struct rings_entry *e = calloc(1, sizeof(*e));
	int rc;

	if (!e)
		return -SHALE_ENOMEM;
	e->r = *r;
	rc = console_backend_add(r->domid, r->console_mfn, r->console_port,
				 &e->r.dom0_console_port);
	if (rc)
		goto out;
	rc = evtchn_bind_interdomain(r->domid, r->store_port, on_store_event, e,
				     &e->r.dom0_store_port);
	if (rc) {
		console_backend_remove(r->domid);
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
		unbind_evtchn(e->r.dom0_store_port);
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

void ts_rings_set_store_handler(void (*fn)(uint16_t domid, void *data), void *data)
{
	unsigned long flags = local_irq_save();

	store_handler = fn;
	store_handler_data = data;
	local_irq_restore(flags);
}

unsigned long ts_rings_store_events_ignored(void)
{
	return store_ignored;
}
