/* SPDX-License-Identifier: MIT */
/*
 * xenbus: the guest's client of the store, over the ring page and event
 * channel the toolstack gave the domain (start_info store_mfn and
 * store_evtchn; wire format in public/io/xs_wire.h).
 *
 * Calls block the calling thread until the store answers, up to
 * XENBUS_TIMEOUT_MS; they return 0 or a negative SHALE_E* value: the
 * store's error names map onto errno values (ENOENT -> -SHALE_ENOENT,
 * EQUOTA -> -SHALE_EDQUOT, ...), -SHALE_ETIMEDOUT when no answer came,
 * -SHALE_EIO when the ring is broken or xenbus is not set up. Not from
 * event handlers or the idle thread.
 *
 * Paths are absolute ("/local/domain/3/name") or relative to the
 * domain's home, /local/domain/<domid>/ ("name").
 *
 * Strings returned (read, directory) are malloc()ed and NUL-terminated;
 * the caller frees them (for directory: the array, whose strings live in
 * the same allocation).
 */
#ifndef SHALE_GUEST_XENBUS_H
#define SHALE_GUEST_XENBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XENBUS_TIMEOUT_MS	5000

/* A transaction id; XBT_NIL is "no transaction". */
typedef uint32_t xenbus_transaction_t;
#define XBT_NIL	0

/*
 * Maps the ring, binds the event channel and starts the threads that
 * receive replies and deliver watch events. Returns 0, or -SHALE_ENODEV
 * when the domain was given no store (dom0 serves the store itself).
 */
int xenbus_init(void);

/* True after a successful xenbus_init(). */
bool xenbus_available(void);

int xenbus_read(xenbus_transaction_t t, const char *path, char **value);
int xenbus_write(xenbus_transaction_t t, const char *path, const char *value);
int xenbus_printf(xenbus_transaction_t t, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int xenbus_mkdir(xenbus_transaction_t t, const char *path);
int xenbus_rm(xenbus_transaction_t t, const char *path);

/* Children of path: *names gets an array of *count strings (one allocation). */
int xenbus_directory(xenbus_transaction_t t, const char *path, char ***names,
		     unsigned int *count);

/* Reads path as an unsigned decimal number. */
int xenbus_read_unsigned(xenbus_transaction_t t, const char *path, unsigned long *value);

/* "/local/domain/<domid>" for domid, into buf. */
int xenbus_get_domain_path(unsigned int domid, char *buf, size_t size);

int xenbus_transaction_start(xenbus_transaction_t *t);
/* abort: true throws the transaction away. -SHALE_EAGAIN: a conflict, retry. */
int xenbus_transaction_end(xenbus_transaction_t t, bool abort);

/*
 * Watches. fn runs in the xenbus watch thread (it may make xenbus calls
 * and block) once for the initial event and once per change of path or
 * any node below it; path is the node that changed.
 */
typedef void (*xenbus_watch_fn)(const char *path, const char *token, void *data);

int xenbus_watch(const char *path, const char *token, xenbus_watch_fn fn, void *data);
int xenbus_unwatch(const char *path, const char *token);

/* The xenbus device states, as frontends and backends write them to "state". */
enum xenbus_state {
	XenbusStateUnknown = 0,
	XenbusStateInitialising = 1,
	XenbusStateInitWait = 2,
	XenbusStateInitialised = 3,
	XenbusStateConnected = 4,
	XenbusStateClosing = 5,
	XenbusStateClosed = 6,
	XenbusStateReconfiguring = 7,
	XenbusStateReconfigured = 8,
};

const char *xenbus_state_name(enum xenbus_state state);

/* Writes "<dir>/state". */
int xenbus_switch_state(const char *dir, enum xenbus_state state);

/* Reads "<dir>/state"; a missing node reads as XenbusStateUnknown. */
int xenbus_read_state(const char *dir, enum xenbus_state *state);

/*
 * Waits until "<dir>/state" is one of the states in the mask (bit n set
 * for state n) or timeout_ms passes. *state gets the last state seen.
 * Returns 0, or -SHALE_ETIMEDOUT. Not from a watch callback (the watch
 * thread would wait for an event only it can deliver).
 */
int xenbus_wait_for_state(const char *dir, unsigned int mask, uint32_t timeout_ms,
			  enum xenbus_state *state);

struct xenbus_stats {
	unsigned long requests;
	unsigned long errors;
	unsigned long timeouts;
	unsigned long watch_events;
	unsigned long watch_events_dropped;
};

void xenbus_get_stats(struct xenbus_stats *st);

#endif /* SHALE_GUEST_XENBUS_H */
