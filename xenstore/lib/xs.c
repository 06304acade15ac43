/* SPDX-License-Identifier: MIT */
/*
 * The client library's message layer: framing requests, reading replies
 * and watch events from the transport, queueing events that arrive while a
 * reply is awaited, and turning error replies into errno values.
 *
 * Uses only <string.h>, <stdlib.h>, <stdio.h> and <errno.h> so that dom0
 * builds it unchanged (see xs.h).
 */
#include "xs_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Where the C library lacks a name the store may send, the nearest one. */
#ifndef EDQUOT
#define EDQUOT ENOSPC
#endif
#ifndef ECONNRESET
#define ECONNRESET EIO
#endif

struct xs_error_name {
	const char *name;
	int value;
};

/* The store's error names (Xen's list plus EQUOTA) and their errno values. */
static const struct xs_error_name xs_error_names[] = {
	{ "EINVAL", EINVAL },
	{ "EACCES", EACCES },
	{ "EEXIST", EEXIST },
#ifdef EISDIR
	{ "EISDIR", EISDIR },
#endif
	{ "ENOENT", ENOENT },
	{ "ENOMEM", ENOMEM },
	{ "ENOSPC", ENOSPC },
	{ "EIO", EIO },
#ifdef ENOTEMPTY
	{ "ENOTEMPTY", ENOTEMPTY },
#endif
	{ "ENOSYS", ENOSYS },
#ifdef EROFS
	{ "EROFS", EROFS },
#endif
	{ "EBUSY", EBUSY },
	{ "EAGAIN", EAGAIN },
#ifdef EISCONN
	{ "EISCONN", EISCONN },
#endif
	{ "E2BIG", E2BIG },
	{ "EPERM", EPERM },
	{ "EQUOTA", EDQUOT },
};

int xs_errno_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(xs_error_names) / sizeof(xs_error_names[0]); i++)
		if (strcmp(name, xs_error_names[i].name) == 0)
			return xs_error_names[i].value;
	return EINVAL;
}

struct xs_handle *xs_open_transport(const struct xs_transport *t)
{
	struct xs_handle *h = calloc(1, sizeof(*h));

	if (!h) {
		errno = ENOMEM;
		return NULL;
	}
	h->transport = *t;
	h->events_tail = &h->events;
	return h;
}

void xs_close(struct xs_handle *h)
{
	struct xs_event *ev;

	if (!h)
		return;
	while ((ev = h->events) != NULL) {
		h->events = ev->next;
		free(ev);
	}
	if (h->transport.close)
		h->transport.close(h->transport.ctx);
	free(h);
}

int xs_fileno(struct xs_handle *h)
{
	if (!h->transport.fileno) {
		errno = ENOSYS;
		return -1;
	}
	return h->transport.fileno(h->transport.ctx);
}

/* Marks the handle unusable: every later call fails with err. */
static int xs_break(struct xs_handle *h, int err)
{
	if (!h->broken)
		h->broken = err;
	errno = h->broken;
	return -1;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static int send_request(struct xs_handle *h, uint32_t type, uint32_t req_id,
			xs_transaction_t t, const struct xs_piece *pieces, unsigned int n)
{
	size_t len = 0;
	unsigned int i;
	int rc;

	for (i = 0; i < n; i++) {
		if (pieces[i].len > SHALE_XS_PAYLOAD_MAX - len) {
			errno = E2BIG;
			return -1;
		}
		memcpy(h->out + XS_HEADER_BYTES + len, pieces[i].data, pieces[i].len);
		len += pieces[i].len;
	}
	put_le32(h->out, type);
	put_le32(h->out + 4, req_id);
	put_le32(h->out + 8, t);
	put_le32(h->out + 12, (uint32_t)len);
	rc = h->transport.send(h->transport.ctx, h->out, XS_HEADER_BYTES + len);
	if (rc)
		return xs_break(h, rc);
	return 0;
}

/* A received message, its payload malloc'ed with a NUL after it. */
struct xs_msg {
	uint32_t type;
	uint32_t req_id;
	uint32_t len;
	char *payload;
};

/*
 * Takes one whole message out of h->in if there is one. Returns 1 (taken),
 * 0 (more bytes needed) or -1 (bad length from the store, or no memory).
 */
static int take_message(struct xs_handle *h, struct xs_msg *msg)
{
	size_t total;

	if (h->in_len < XS_HEADER_BYTES)
		return 0;
	msg->type = get_le32(h->in);
	msg->req_id = get_le32(h->in + 4);
	msg->len = get_le32(h->in + 12);
	if (msg->len > SHALE_XS_PAYLOAD_MAX)
		return xs_break(h, EIO);
	total = XS_HEADER_BYTES + msg->len;
	if (h->in_len < total)
		return 0;
	msg->payload = malloc(msg->len + 1);
	if (!msg->payload) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(msg->payload, h->in + XS_HEADER_BYTES, msg->len);
	msg->payload[msg->len] = '\0';
	memmove(h->in, h->in + total, h->in_len - total);
	h->in_len -= total;
	return 1;
}

/*
 * Reads the next message from the transport. Returns 1 (msg filled), 0
 * (none complete and !block) or -1 with errno.
 */
static int read_message(struct xs_handle *h, struct xs_msg *msg, bool block)
{
	for (;;) {
		int taken = take_message(h, msg);
		long got;

		if (taken)
			return taken;
		got = h->transport.recv(h->transport.ctx, h->in + h->in_len,
					sizeof(h->in) - h->in_len, block);
		if (got < 0)
			return xs_break(h, (int)-got);
		if (got == 0) {
			if (block)
				return xs_break(h, EIO);
			return 0;
		}
		if ((size_t)got > sizeof(h->in) - h->in_len)
			return xs_break(h, EIO);
		h->in_len += (size_t)got;
	}
}

/* Whether payload[0..len) is exactly "path\0token\0" with a non-empty path. */
static bool event_is_well_formed(const char *payload, uint32_t len)
{
	const char *end = payload + len;
	const char *nul = memchr(payload, '\0', len);

	if (!nul || nul == payload)
		return false;
	nul = memchr(nul + 1, '\0', (size_t)(end - nul - 1));
	return nul && nul + 1 == end;
}

/* Queues a watch event; takes msg->payload either way. */
static int queue_event(struct xs_handle *h, struct xs_msg *msg)
{
	struct xs_event *ev;

	if (!event_is_well_formed(msg->payload, msg->len)) {
		free(msg->payload);
		return xs_break(h, EIO);
	}
	ev = malloc(sizeof(*ev) + msg->len);
	if (!ev) {
		free(msg->payload);
		errno = ENOMEM;
		return -1;
	}
	ev->next = NULL;
	ev->len = msg->len;
	memcpy(ev->payload, msg->payload, msg->len);
	free(msg->payload);
	*h->events_tail = ev;
	h->events_tail = &ev->next;
	return 0;
}

/*
 * Waits for the reply to req_id, queueing watch events met on the way.
 * Replies to other ids (left from a call that failed locally) are dropped.
 */
static int wait_reply(struct xs_handle *h, uint32_t req_id, struct xs_msg *reply)
{
	for (;;) {
		if (read_message(h, reply, true) < 0)
			return -1;
		if (reply->type == SHALE_XS_WATCH_EVENT) {
			if (queue_event(h, reply) < 0)
				return -1;
			continue;
		}
		if (reply->req_id == req_id)
			return 0;
		free(reply->payload);
	}
}

void *xs_talk(struct xs_handle *h, xs_transaction_t t, uint32_t type,
	      const struct xs_piece *pieces, unsigned int n, unsigned int *len)
{
	struct xs_msg reply;
	uint32_t req_id;

	if (h->broken) {
		errno = h->broken;
		return NULL;
	}
	req_id = ++h->last_req_id;
	if (send_request(h, type, req_id, t, pieces, n) < 0)
		return NULL;
	if (wait_reply(h, req_id, &reply) < 0)
		return NULL;
	if (reply.type == SHALE_XS_ERROR) {
		errno = xs_errno_from_name(reply.payload);
		free(reply.payload);
		return NULL;
	}
	if (reply.type != type) {
		free(reply.payload);
		xs_break(h, EIO);
		return NULL;
	}
	if (len)
		*len = reply.len;
	return reply.payload;
}

void *xs_talk_string(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		     const char *arg, unsigned int *len)
{
	struct xs_piece piece = { arg, strlen(arg) + 1 };

	return xs_talk(h, t, type, &piece, 1, len);
}

bool xs_talk_ok(struct xs_handle *h, xs_transaction_t t, uint32_t type, const char *arg)
{
	char *reply = xs_talk_string(h, t, type, arg, NULL);

	if (!reply)
		return false;
	free(reply);
	return true;
}

struct xs_event *xs_next_event(struct xs_handle *h, bool block)
{
	struct xs_event *ev;
	struct xs_msg msg;

	while (!h->events) {
		int got;

		if (h->broken) {
			errno = h->broken;
			return NULL;
		}
		got = read_message(h, &msg, block);
		if (got < 0)
			return NULL;
		if (got == 0) {
			errno = EAGAIN;
			return NULL;
		}
		if (msg.type != SHALE_XS_WATCH_EVENT) {
			/* A reply nobody waits for any more. */
			free(msg.payload);
			continue;
		}
		if (queue_event(h, &msg) < 0)
			return NULL;
	}
	ev = h->events;
	h->events = ev->next;
	if (!h->events)
		h->events_tail = &h->events;
	return ev;
}
