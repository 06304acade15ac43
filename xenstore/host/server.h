/* SPDX-License-Identifier: MIT */
/*
 * The daemon's event loop: a listening Unix socket and its clients, each
 * a dom0 connection of the store, served with ppoll().
 */
#ifndef SHALE_XENSTORE_HOST_SERVER_H
#define SHALE_XENSTORE_HOST_SERVER_H

#include <signal.h>
#include "store.h"

/*
 * Binds and listens on path (replacing a stale socket file, refusing one a
 * live daemon answers on). Returns the descriptor or -1 after a message.
 */
int server_listen(const char *path);

/*
 * Serves until a signal in the blocked set sets *stop. The caller blocks
 * SIGTERM and SIGINT; they are let in only while waiting. Returns 0, or -1
 * if the loop itself failed.
 */
int server_run(struct store *store, int listen_fd, volatile sig_atomic_t *stop);

#endif /* SHALE_XENSTORE_HOST_SERVER_H */
