/* SPDX-License-Identifier: MIT */
/*
 * The core's error values: positive errno numbers (as <errno.h> defines
 * them), plus STORE_EQUOTA, which no errno names. On the wire each becomes
 * its name ("ENOENT"), as Xen's xenstored sends it.
 */
#ifndef SHALE_XENSTORE_ERRORS_H
#define SHALE_XENSTORE_ERRORS_H

#include <errno.h>

/* A per-domain quota (nodes, value size, watches, transactions) is used up. */
#define STORE_EQUOTA	10000

/* The wire name of err, "EIO" for a value without one. */
const char *store_error_name(int err);

#endif /* SHALE_XENSTORE_ERRORS_H */
