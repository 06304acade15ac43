/* SPDX-License-Identifier: MIT */
/*
 * Inside the client library: the handle and the message layer that the
 * calls in xs_ops.c are written on. Not for users of the library.
 */
#ifndef SHALE_XENSTORE_XS_INTERNAL_H
#define SHALE_XENSTORE_XS_INTERNAL_H

#include "xs.h"

#include <public/io/xs_wire.h>

#define XS_HEADER_BYTES	16	/* sizeof(struct shale_xs_msg_header) on the wire */
#define XS_MSG_MAX	(XS_HEADER_BYTES + SHALE_XS_PAYLOAD_MAX)

/* A watch event waiting in the handle: "path\0token\0", checked on arrival. */
struct xs_event {
	struct xs_event *next;
	unsigned int len;
	char payload[];
};

struct xs_handle {
	struct xs_transport transport;
	uint32_t last_req_id;
	int broken;			/* errno of a transport/protocol failure, or 0 */

	/* Received bytes not yet taken as messages; room for two whole messages. */
	size_t in_len;
	unsigned char in[2 * XS_MSG_MAX];
	unsigned char out[XS_MSG_MAX];	/* the request being sent */

	struct xs_event *events;	/* oldest first */
	struct xs_event **events_tail;
};

/* One piece of a request payload. */
struct xs_piece {
	const void *data;
	size_t len;
};

/*
 * Sends a request of type made of n pieces in transaction t and waits for
 * its reply, queueing watch events that arrive first. Returns the reply
 * payload, malloc'ed with a NUL added after it (length in *len if len is
 * not NULL), or NULL with errno (the store's error mapped, or a local one).
 */
void *xs_talk(struct xs_handle *h, xs_transaction_t t, uint32_t type,
	      const struct xs_piece *pieces, unsigned int n, unsigned int *len);

/* xs_talk() with a single NUL-terminated string as the payload. */
void *xs_talk_string(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		     const char *arg, unsigned int *len);

/* xs_talk_string() for requests whose reply is only "OK". */
bool xs_talk_ok(struct xs_handle *h, xs_transaction_t t, uint32_t type, const char *arg);

/*
 * Takes the oldest queued event, first reading the transport (waiting
 * if block) when none is queued. NULL with errno EAGAIN (nothing, !block)
 * or another errno.
 */
struct xs_event *xs_next_event(struct xs_handle *h, bool block);

/* The errno for an error name from the store ("ENOENT"). */
int xs_errno_from_name(const char *name);

#endif /* SHALE_XENSTORE_XS_INTERNAL_H */
