/* SPDX-License-Identifier: MIT */
/*
 * The console backend finds a guest's console through the store, as
 * xenconsoled does: the ring frame and the guest's port are read from
 * /local/domain/<id>/console/, not taken from the toolstack's memory.
 */
#include <errno.h>
#include <malloc.h>
#include <printf.h>
#include <stdlib.h>
#include <public/errno.h>
#include "console.h"
#include "store/service.h"
#include "xs.h"

static struct xs_handle *store;

/* Reads a decimal value of at most max from the store. */
static int read_number(uint16_t domid, const char *name, unsigned long max,
		       unsigned long *value)
{
	char path[64], *text, *end;
	int rc = 0;

	snprintf(path, sizeof(path), "/local/domain/%u/console/%s", domid, name);
	text = xs_read(store, XBT_NULL, path, NULL);
	if (!text)
		return -errno;
	*value = strtoul(text, &end, 10);
	if (end == text || *end || *value > max)
		rc = -SHALE_EINVAL;
	free(text);
	return rc;
}

int console_backend_add_from_store(uint16_t domid, evtchn_port_t *local_port)
{
	unsigned long mfn, port;
	int rc;

	if (!store)
		store = store_service_open();
	if (!store)
		return -SHALE_ENODEV;
	rc = read_number(domid, "ring-ref", ~0UL, &mfn);
	if (!rc)
		rc = read_number(domid, "port", SHALE_NR_EVENT_CHANNELS - 1, &port);
	if (rc)
		return rc;
	return console_backend_add(domid, mfn, (evtchn_port_t)port, local_port);
}
