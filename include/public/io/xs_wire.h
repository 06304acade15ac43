/* SPDX-License-Identifier: MIT */
/*
 * The store's wire protocol, byte-compatible with Xen's xenstore.
 *
 * Every message, in both directions, is a 16-byte header followed by len
 * bytes of payload (len <= SHALE_XS_PAYLOAD_MAX). All fields little-endian.
 *
 *   type    one of SHALE_XS_* below
 *   req_id  chosen by the client, echoed in the reply (0 in watch events)
 *   tx_id   transaction the request belongs to, 0 for none
 *   len     payload length
 *
 * Payloads are NUL-separated strings (a trailing NUL after the last one,
 * except for WRITE's value, which is raw bytes). A reply carries the
 * request's type, or SHALE_XS_ERROR with an error name such as "ENOENT\0".
 * A watch event is SHALE_XS_WATCH_EVENT with "path\0token\0".
 *
 * A domain other than dom0 talks to the store through one page shared with
 * dom0 (struct shale_xs_ring below, whose frame and event channel are in
 * start_info store_mfn/store_evtchn) and an event channel: the guest writes
 * requests into req[] and advances req_prod, then notifies; the store
 * writes replies into rsp[] and advances rsp_prod, then notifies.
 * Indices run freely (they are never reduced); the byte at index i is at
 * i % SHALE_XS_RING_SIZE. A reader publishes its consumer index only after
 * it has copied the bytes (write barrier before the store).
 */
#ifndef SHALE_PUBLIC_IO_XS_WIRE_H
#define SHALE_PUBLIC_IO_XS_WIRE_H

#include <stdint.h>

enum shale_xs_type {
	SHALE_XS_CONTROL = 0,
	SHALE_XS_DIRECTORY = 1,
	SHALE_XS_READ = 2,
	SHALE_XS_GET_PERMS = 3,
	SHALE_XS_WATCH = 4,
	SHALE_XS_UNWATCH = 5,
	SHALE_XS_TRANSACTION_START = 6,
	SHALE_XS_TRANSACTION_END = 7,
	SHALE_XS_INTRODUCE = 8,
	SHALE_XS_RELEASE = 9,
	SHALE_XS_GET_DOMAIN_PATH = 10,
	SHALE_XS_WRITE = 11,
	SHALE_XS_MKDIR = 12,
	SHALE_XS_RM = 13,
	SHALE_XS_SET_PERMS = 14,
	SHALE_XS_WATCH_EVENT = 15,
	SHALE_XS_ERROR = 16,
	SHALE_XS_IS_DOMAIN_INTRODUCED = 17,
	SHALE_XS_RESUME = 18,
	SHALE_XS_SET_TARGET = 19,
	SHALE_XS_RESET_WATCHES = 21,
	SHALE_XS_DIRECTORY_PART = 22,
	SHALE_XS_TYPE_COUNT
};

struct shale_xs_msg_header {
	uint32_t type;
	uint32_t req_id;
	uint32_t tx_id;
	uint32_t len;
};

#define SHALE_XS_PAYLOAD_MAX	4096	/* bytes after the header */
#define SHALE_XS_PATH_MAX	2048	/* absolute path, or relative to /local/domain/N/ */

/* Permission strings in GET_PERMS/SET_PERMS: a letter then a domid, "r5". */
#define SHALE_XS_PERM_NONE	'n'
#define SHALE_XS_PERM_READ	'r'
#define SHALE_XS_PERM_WRITE	'w'
#define SHALE_XS_PERM_BOTH	'b'

/* The domain ring page. */
#define SHALE_XS_RING_SIZE	1024
#define SHALE_XS_RING_IDX(i)	((i) & (SHALE_XS_RING_SIZE - 1))

struct shale_xs_ring {
	char req[SHALE_XS_RING_SIZE];	/* guest -> store */
	char rsp[SHALE_XS_RING_SIZE];	/* store -> guest */
	uint32_t req_cons, req_prod;
	uint32_t rsp_cons, rsp_prod;
	uint32_t server_features;	/* none defined yet: 0 */
	uint32_t connection;		/* 0: connected */
	uint32_t error;			/* 0: no error */
};

#endif /* SHALE_PUBLIC_IO_XS_WIRE_H */
