/* SPDX-License-Identifier: MIT */
/*
 * Watches: a connection's (path, token) pairs, and firing them. A change
 * at path fires every watch on path or an ancestor; an exact event (a node
 * removed below the removed one) only the watches on path itself. A domain
 * sees an event only if it may read the changed node. Special "@..." names
 * fire only through watch_fire_special() and only for dom0, since they
 * tell about every domain.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "core.h"
#include "errors.h"

/* Longest token: the event "path\0token\0" must fit in one message. */
#define WATCH_TOKEN_MAX	(SHALE_XS_PAYLOAD_MAX - PATH_ABS_MAX - 2)

static char *dup_string(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = malloc(len);

	if (d)
		memcpy(d, s, len);
	return d;
}

/* The watch path as stored: absolute, or the special name itself. */
static int watch_path(const struct store_conn *conn, const char *given, char *out, size_t *len,
		      bool *relative)
{
	*relative = false;
	if (given[0] == '@') {
		if (!path_is_special(given))
			return EINVAL;
		*len = strlen(given);
		memcpy(out, given, *len + 1);
		return 0;
	}
	*relative = given[0] != '/';
	return path_resolve(conn->domid, given, out, len);
}

static struct watch *find_watch(struct store_conn *conn, const char *path, size_t len,
				const char *token, struct watch ***link)
{
	struct watch **w;

	for (w = &conn->watches; *w; w = &(*w)->next)
		if ((*w)->path_len == len && memcmp((*w)->path, path, len) == 0 &&
		    strcmp((*w)->token, token) == 0) {
			if (link)
				*link = w;
			return *w;
		}
	return NULL;
}

int watch_add(struct store_conn *conn, const char *given, const char *token)
{
	char *path = conn->store->req.path;
	struct watch *w;
	bool relative;
	size_t len;
	int rc;

	if (strlen(token) > WATCH_TOKEN_MAX)
		return EINVAL;
	rc = watch_path(conn, given, path, &len, &relative);
	if (rc)
		return rc;
	if (find_watch(conn, path, len, token, NULL))
		return EEXIST;
	if (conn->domid != 0 && conn->nwatches >= conn->store->limits.max_watches_per_conn)
		return STORE_EQUOTA;
	w = calloc(1, sizeof(*w));
	if (w) {
		w->path = dup_string(path);
		w->token = dup_string(token);
	}
	if (!w || !w->path || !w->token) {
		if (w) {
			free(w->path);
			free(w->token);
		}
		free(w);
		return ENOMEM;
	}
	w->path_len = len;
	w->relative = relative;
	w->next = conn->watches;
	conn->watches = w;
	conn->nwatches++;
	return 0;
}

static void free_watch(struct watch *w)
{
	free(w->path);
	free(w->token);
	free(w);
}

int watch_remove(struct store_conn *conn, const char *given, const char *token)
{
	char *path = conn->store->req.path;
	struct watch *w, **link;
	bool relative;
	size_t len;
	int rc = watch_path(conn, given, path, &len, &relative);

	if (rc)
		return rc;
	w = find_watch(conn, path, len, token, &link);
	if (!w)
		return ENOENT;
	*link = w->next;
	conn->nwatches--;
	free_watch(w);
	return 0;
}

void watch_remove_all(struct store_conn *conn)
{
	while (conn->watches) {
		struct watch *w = conn->watches;

		conn->watches = w->next;
		free_watch(w);
	}
	conn->nwatches = 0;
}

/* Sends one event, the path relative to the watcher's home if it asked so. */
static void send_event(struct store_conn *conn, const struct watch *w, const char *path,
		       size_t len)
{
	char home[32];
	size_t hlen = path_domain_home(conn->domid, home, sizeof(home));
	struct chunk parts[2];

	if (w->relative && hlen && len > hlen + 1 && memcmp(path, home, hlen) == 0 &&
	    path[hlen] == '/') {
		path += hlen + 1;
		len -= hlen + 1;
	}
	parts[0].data = path;
	parts[0].len = len + 1;
	parts[1].data = w->token;
	parts[1].len = strlen(w->token) + 1;
	conn_send(conn, SHALE_XS_WATCH_EVENT, 0, 0, parts, 2, true);
}

void watch_fire(struct store *store, const char *path, size_t len, bool exact,
		const struct perm *perms, unsigned int nperms)
{
	struct store_conn *conn;
	struct watch *w;

	for (conn = store->conns; conn; conn = conn->next) {
		/* Most connections (one per domain) watch nothing: skip them before the rights. */
		if (!conn->watches)
			continue;
		if (conn->domid != 0 &&
		    !(perms_for_domain(perms, nperms, conn->domid) & PERM_READ))
			continue;
		for (w = conn->watches; w; w = w->next) {
			if (w->path[0] != '/')
				continue;
			if (exact ? (w->path_len == len && memcmp(w->path, path, len) == 0)
				  : path_is_under(path, len, w->path, w->path_len))
				send_event(conn, w, path, len);
		}
	}
}

void watch_fire_special(struct store *store, const char *name)
{
	size_t len = strlen(name);
	struct store_conn *conn;
	struct watch *w;

	for (conn = store->conns; conn; conn = conn->next) {
		if (conn->domid != 0)
			continue;
		for (w = conn->watches; w; w = w->next)
			if (w->path_len == len && memcmp(w->path, name, len) == 0)
				send_event(conn, w, name, len);
	}
}
