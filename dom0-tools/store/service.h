/* SPDX-License-Identifier: MIT */
/*
 * dom0's store service: the store core (xenstore/core/) run inside dom0,
 * serving every introduced domain over its ring page and dom0's own tools
 * over in-process connections.
 */
#ifndef SHALE_DOM0_STORE_SERVICE_H
#define SHALE_DOM0_STORE_SERVICE_H

#include <stdbool.h>

struct xs_handle;

/*
 * Opens the store (an LMDB file in dom0's memory file system) and starts
 * the thread that serves domain rings. Returns 0 or a negative error.
 */
int store_service_start(void);

bool store_service_running(void);

/*
 * A client handle for dom0 code (the toolstack, `shl xenstore-*`), on its
 * own connection with dom0's rights. Close it with xs_close(). NULL when
 * the service is not running or memory is short.
 */
struct xs_handle *store_service_open(void);

#endif /* SHALE_DOM0_STORE_SERVICE_H */
