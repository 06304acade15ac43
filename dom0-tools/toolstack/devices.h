/* SPDX-License-Identifier: MIT */
/*
 * The rings every domain the toolstack builds is given: a console ring
 * and a store ring, each one page of the domain's own memory (pfns the
 * builder reserves right after the boot stack; start_info.first_free_pfn
 * comes after them) and an event channel allocated in the domain with
 * dom0 as its remote end. start_info carries console_mfn/console_evtchn
 * and store_mfn/store_evtchn.
 *
 * dom0's ends go through the store: the toolstack writes the domain's
 * /local/domain/<id>/ entries (store and console ring-ref and port) and
 * introduces the domain, so dom0's store service maps the store ring and
 * binds its port; the console backend (backends/console.h) then reads
 * console/ring-ref and console/port from the store, maps the ring and
 * binds the port. The toolstack keeps one record per domain for whoever
 * needs the rings later; ts_rings_release() undoes it all before the
 * domain is destroyed.
 */
#ifndef SHALE_DOM0_TOOLSTACK_DEVICES_H
#define SHALE_DOM0_TOOLSTACK_DEVICES_H

#include <stddef.h>
#include <stdint.h>
#include <events.h>

/* Pages the builder reserves for rings: the console's, then the store's. */
#define TS_RING_PAGES	2

struct domain_rings {
	uint16_t domid;
	uint64_t console_mfn;		/* the console ring frame (start_info.console_mfn) */
	uint64_t store_mfn;		/* the store ring frame (start_info.store_mfn) */
	evtchn_port_t console_port;	/* the domain's end (start_info.console_evtchn) */
	evtchn_port_t store_port;	/* the domain's end (start_info.store_evtchn) */
	evtchn_port_t dom0_console_port;	/* dom0's end, bound by the console backend */
};

/* The record of domid, or NULL when the toolstack gave it no rings. */
const struct domain_rings *domain_rings(uint16_t domid);

/*
 * Allocates the domain's two ports (unbound, dom0 may bind them) into
 * r->console_port and r->store_port. Called by the builder before it
 * writes start_info. Returns 0 or the hypervisor's error (the builder
 * then destroys the domain, which closes whatever was allocated).
 */
int ts_rings_alloc_ports(uint16_t domid, struct domain_rings *r);

/*
 * Connects dom0 to r (domid, both mfns and the domain's ports filled in):
 * writes the domain's store entries (name, memory in pages nr_pages and
 * max_pages, the rings) and introduces it, then the console backend takes
 * the console ring as the store describes it; the record (with dom0's
 * console port) is kept. When dom0 runs no store, only the console is
 * connected. Called by the builder before it unpauses the domain. Returns
 * 0, or an error with the reason in msg and nothing left behind.
 */
int ts_rings_connect(const struct domain_rings *r, const char *name, uint64_t nr_pages,
		     uint64_t max_pages, char *msg, size_t size);

/*
 * Disconnects dom0 from domid's rings (the console backend lets go of the
 * ring, the store releases the domain and drops /local/domain/<id>) and
 * forgets the record. Call it before destroying the domain. Nothing
 * happens without a record.
 */
void ts_rings_release(uint16_t domid);

/* Releases the rings of domains that are gone or dying (destroyed by someone else). */
void ts_rings_prune(void);

#endif /* SHALE_DOM0_TOOLSTACK_DEVICES_H */
