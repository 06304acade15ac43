/* SPDX-License-Identifier: MIT */
/*
 * In-process store connections for dom0's own tools: an xs_transport
 * (xenstore/lib/xs.h) whose send() runs the request in the store core at
 * once and whose recv() hands back the queued replies and events.
 */
#ifndef SHALE_DOM0_STORE_LOCAL_H
#define SHALE_DOM0_STORE_LOCAL_H

#include <stdbool.h>

struct store;
struct store_conn;
struct xs_handle;

/* A client handle on a new dom0 connection of store. NULL when memory is short. */
struct xs_handle *local_open(struct store *store);

/* Wakes the reader of conn if it is a local connection; false if it is not. */
bool local_conn_wake(struct store_conn *conn);

#endif /* SHALE_DOM0_STORE_LOCAL_H */
