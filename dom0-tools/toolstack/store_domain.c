/* SPDX-License-Identifier: MIT */
/*
 * /local/domain/<id>/ for each domain, as Xen's toolstack lays it out.
 *
 * Permissions: the home directory and what the toolstack writes there are
 * owned by dom0 and readable by the domain (it may not rename itself or
 * change its memory target); the directories a domain fills in itself
 * (data, device, control/shutdown, ...) are owned by the domain. Other
 * domains see none of it: the owner's entry says "n" for everyone else.
 */
#include <errno.h>
#include <printf.h>
#include <string.h>
#include <public/errno.h>
#include "store/service.h"
#include "store_domain.h"
#include "xs.h"

#define COMMIT_TRIES	5

static struct xs_handle *store;

static struct xs_handle *toolstack_handle(void)
{
	if (!store && store_service_running())
		store = store_service_open();
	return store;
}

static bool write_string(xs_transaction_t t, const char *home, const char *name,
			 const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", home, name);
	return xs_write(store, t, path, value, strlen(value));
}

static bool write_entry(xs_transaction_t t, const char *home, const char *name,
			const char *fmt, unsigned long long value)
{
	char text[32];

	snprintf(text, sizeof(text), fmt, value);
	return write_string(t, home, name, text);
}

/* A directory the domain itself writes to. */
static bool domain_owned_dir(xs_transaction_t t, const char *home, const char *name,
			     uint16_t domid)
{
	struct xs_permissions perm = { .id = domid, .perms = XS_PERM_NONE };
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", home, name);
	return xs_mkdir(store, t, path) && xs_set_permissions(store, t, path, &perm, 1);
}

static bool write_home(xs_transaction_t t, const struct ts_store_domain *d, const char *home)
{
	struct xs_permissions perms[] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = d->domid, .perms = XS_PERM_READ },
	};
	static const char *const own_dirs[] = {
		"data", "device", "drivers", "attr", "error", "control/shutdown",
	};

	if (!xs_mkdir(store, t, home) || !xs_set_permissions(store, t, home, perms, 2))
		return false;
	if (!write_string(t, home, "name", d->name) ||
	    !write_entry(t, home, "domid", "%llu", d->domid) ||
	    !write_entry(t, home, "memory/target", "%llu", d->target_kib) ||
	    !write_entry(t, home, "memory/static-max", "%llu", d->max_kib) ||
	    !write_entry(t, home, "store/ring-ref", "%llu", d->store_mfn) ||
	    !write_entry(t, home, "store/port", "%llu", d->store_port))
		return false;
	if (d->console_mfn &&
	    (!write_entry(t, home, "console/ring-ref", "%llu", d->console_mfn) ||
	     !write_entry(t, home, "console/port", "%llu", d->console_port) ||
	     !write_string(t, home, "console/type", "shl-console")))
		return false;
	for (size_t i = 0; i < sizeof(own_dirs) / sizeof(own_dirs[0]); i++)
		if (!domain_owned_dir(t, home, own_dirs[i], d->domid))
			return false;
	return true;
}

/* One transaction, repeated when another writer got in between. */
static int write_entries(const struct ts_store_domain *d, const char *home)
{
	for (int i = 0; i < COMMIT_TRIES; i++) {
		xs_transaction_t t = xs_transaction_start(store);

		if (t == XBT_NULL)
			return -errno;
		if (!write_home(t, d, home)) {
			int err = errno;

			xs_transaction_end(store, t, true);
			return -err;
		}
		if (xs_transaction_end(store, t, false))
			return 0;
		if (errno != EAGAIN)
			return -errno;
	}
	return -EAGAIN;
}

int ts_store_introduce(const struct ts_store_domain *d, char *msg, size_t size)
{
	char home[40];
	int rc;

	if (!toolstack_handle()) {
		snprintf(msg, size, "dom0 runs no store");
		return -SHALE_ENODEV;
	}
	snprintf(home, sizeof(home), "/local/domain/%u", d->domid);
	xs_rm(store, XBT_NULL, home);	/* leftovers of an earlier domain with this id */
	rc = write_entries(d, home);
	if (rc) {
		snprintf(msg, size, "writing %s failed (error %d)", home, -rc);
		return rc;
	}
	if (!xs_introduce_domain(store, d->domid, d->store_mfn, d->store_port)) {
		rc = -errno;
		snprintf(msg, size, "introducing d%u to the store failed (error %d)", d->domid, -rc);
		xs_rm(store, XBT_NULL, home);
		return rc;
	}
	return 0;
}

void ts_store_forget(uint16_t domid)
{
	char home[40];

	if (!toolstack_handle())
		return;
	snprintf(home, sizeof(home), "/local/domain/%u", domid);
	xs_release_domain(store, domid);
	xs_rm(store, XBT_NULL, home);
}

int ts_store_dom0(void)
{
	if (!toolstack_handle())
		return -SHALE_ENODEV;
	if (!xs_write(store, XBT_NULL, "/local/domain/0/name", "Domain-0", 8) ||
	    !xs_write(store, XBT_NULL, "/local/domain/0/domid", "0", 1))
		return -errno;
	return 0;
}
