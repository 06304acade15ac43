/* SPDX-License-Identifier: MIT */
/*
 * The store's client library: the calls of Xen's libxenstore (xs_read,
 * xs_write, xs_watch, ...) over any byte transport.
 *
 * The message layer (xs.c) needs only <string.h>, <stdlib.h> (malloc,
 * calloc, realloc, free, strtoul), <stdio.h> (snprintf) and <errno.h>, so
 * the same file builds on the host and inside dom0. How the bytes travel is
 * a struct xs_transport: on the host a Unix socket (xs_unix.c, xs_open());
 * in dom0 a direct call into the in-process store (an xs_local.c that the
 * dom0 build supplies and hands to xs_open_transport()).
 *
 * Errors: calls return false, NULL or XBT_NULL and set errno. When the store
 * answers with an error, errno is the value of its name ("ENOENT" ->
 * ENOENT); "EQUOTA" (a per-domain quota is exhausted) becomes EDQUOT, or
 * ENOSPC where the C library has no EDQUOT; a name this library does not
 * know becomes EINVAL, as in Xen. Local failures: E2BIG (request longer than
 * SHALE_XS_PAYLOAD_MAX), ENOMEM, EIO (the store sent a malformed message;
 * the handle is then unusable), and whatever the transport reports (the
 * peer closed: ECONNRESET where defined, else EIO). After a transport or
 * protocol failure every later call on the handle fails with the same errno.
 *
 * A handle is single-threaded: use one handle per thread. Watch events that
 * arrive while a call waits for its reply are queued in the handle (in
 * order, without limit) and returned by the next xs_read_watch() or
 * xs_check_watch().
 */
#ifndef SHALE_XENSTORE_XS_H
#define SHALE_XENSTORE_XS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xs_handle;

/* A transaction id as the store hands it out; XBT_NULL is "no transaction". */
typedef uint32_t xs_transaction_t;
#define XBT_NULL ((xs_transaction_t)0)

/*
 * The transport under a handle. All callbacks get ctx. The message layer
 * sends each request with one send() call and reads replies and watch
 * events with recv(); it never calls them re-entrantly.
 *
 * send(ctx, buf, len): delivers all len bytes, in order. Returns 0, or a
 *   positive errno value (then the handle is marked broken).
 * recv(ctx, buf, max, block): copies up to max (> 0) received bytes into
 *   buf. With block, waits until at least one byte is there. Returns the
 *   count (> 0), 0 only when !block and nothing is waiting, or a negative
 *   errno value (the peer closed: -ECONNRESET, or -EIO without it).
 * fileno(ctx): a descriptor that polls readable when recv() has bytes, or
 *   -1. May be NULL (xs_fileno() then returns -1 with errno ENOSYS).
 * close(ctx): releases the transport; called once by xs_close(). May be
 *   NULL.
 *
 * A dom0 transport over the in-process store (see xenstore/core/store.h)
 * maps send() to store_conn_input() and recv() to store_conn_output(); for
 * a blocking recv() with no output queued (xs_read_watch() waiting for an
 * event) it must let the rest of dom0 run until output appears.
 */
struct xs_transport {
	void *ctx;
	int (*send)(void *ctx, const void *buf, size_t len);
	long (*recv)(void *ctx, void *buf, size_t max, bool block);
	int (*fileno)(void *ctx);
	void (*close)(void *ctx);
};

/* Flags of xs_open(), Xen's values. Both are accepted and ignored. */
#define XS_OPEN_READONLY	(1UL << 0)
#define XS_OPEN_SOCKETONLY	(1UL << 1)

/*
 * Host only (xs_unix.c): connects to the Unix socket named by
 * $XENSTORED_PATH, else /var/run/xenstored/socket. NULL and errno on
 * failure.
 */
struct xs_handle *xs_open(unsigned long flags);

/* Host only: connects to the Unix socket at path. */
struct xs_handle *xs_open_socket(const char *path);

/* A handle over transport t (copied). NULL with ENOMEM; t is then not closed. */
struct xs_handle *xs_open_transport(const struct xs_transport *t);

/* Closes the transport and frees the handle and its queued events. NULL is fine. */
void xs_close(struct xs_handle *h);

/*
 * Reads the value at path: a malloc'ed buffer with a NUL added after the
 * value (values may hold any bytes), its length in *len if len is not NULL.
 */
void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len);

/* Writes len bytes at path, creating the node and missing parents. */
bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
	      const void *data, unsigned int len);

/* Creates path with an empty value; an existing node is left as it is. */
bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path);

/* Removes path and everything under it. */
bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);

/*
 * The names of path's children: an array of *num strings, in the store's
 * order, in one malloc'ed block (free() the array only). Long listings are
 * fetched in pieces with DIRECTORY_PART and retried if the node changes.
 */
char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
		    unsigned int *num);

/* Permission bits of struct xs_permissions.perms. */
enum xs_perm_type {
	XS_PERM_NONE = 0,
	XS_PERM_READ = 1,
	XS_PERM_WRITE = 2,
	XS_PERM_BOTH = XS_PERM_READ | XS_PERM_WRITE,
};

/*
 * One entry of a node's permission list. The first entry names the owner
 * (who may always read, write and set permissions) and, in perms, what
 * every domain not listed later may do; later entries grant one domain.
 */
struct xs_permissions {
	unsigned int id;	/* domid */
	unsigned int perms;	/* enum xs_perm_type */
};

/* path's permission list: *num entries in one malloc'ed array. */
struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t,
					  const char *path, unsigned int *num);

/* Replaces path's permission list with num (>= 1) entries. */
bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
			const struct xs_permissions *perms, unsigned int num);

/*
 * Parses one permission in the wire and xenstore-chmod form, a letter
 * (n, r, w, b) then a decimal domid: "r5". Returns false for anything else.
 */
bool xs_perm_from_string(const char *s, struct xs_permissions *perm);

/* Formats perm as "r5" into buf. Returns false if it does not fit or is invalid. */
bool xs_perm_to_string(const struct xs_permissions *perm, char *buf, size_t len);

/*
 * Watches path and its subtree: each change makes an event carrying the
 * changed path and token. The store also sends one event right away.
 */
bool xs_watch(struct xs_handle *h, const char *path, const char *token);
bool xs_unwatch(struct xs_handle *h, const char *path, const char *token);

/* Indexes into an event returned by xs_read_watch()/xs_check_watch(). */
enum xs_watch_type {
	XS_WATCH_PATH = 0,
	XS_WATCH_TOKEN = 1,
};

/*
 * Waits for the next watch event (queued ones first). Returns a malloc'ed
 * array of *num (2) strings, indexed by enum xs_watch_type, in one block.
 */
char **xs_read_watch(struct xs_handle *h, unsigned int *num);

/* As xs_read_watch() but never waits: NULL with errno EAGAIN when none is there. */
char **xs_check_watch(struct xs_handle *h);

/*
 * The transport's descriptor, for poll(). It shows bytes still in the
 * transport only: events already queued in the handle do not make it
 * readable, so call xs_check_watch() until EAGAIN before polling again.
 */
int xs_fileno(struct xs_handle *h);

/* Starts a transaction; XBT_NULL on failure. */
xs_transaction_t xs_transaction_start(struct xs_handle *h);

/*
 * Commits (abort false) or discards (abort true) transaction t. A commit
 * that conflicts with another change returns false with errno EAGAIN: the
 * caller starts a new transaction and repeats its work.
 */
bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort);

/*
 * Writes value (len bytes) into buf as Xen's tools print values: \\, \n,
 * \r, \t, bytes below 8 in octal (\001), other unprintable bytes in hex
 * (\x1b). Always NUL-terminates when size > 0; returns the length the
 * whole escaped value needs (without the NUL), so a result >= size means
 * it was cut.
 */
size_t xs_escape_value(const void *value, unsigned int len, char *buf, size_t size);

/* Tells the store about a new domain, its ring frame (mfn) and event channel. */
bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
			 unsigned int eventchn);

/* Tells the store a domain is gone: its connection, watches and transactions go. */
bool xs_release_domain(struct xs_handle *h, unsigned int domid);

/* The home path of domid ("/local/domain/5"), malloc'ed. */
char *xs_get_domain_path(struct xs_handle *h, unsigned int domid);

/* Whether domid has been introduced; false with errno set on failure, else errno 0. */
bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid);

#endif /* SHALE_XENSTORE_XS_H */
