/* SPDX-License-Identifier: MIT */
/*
 * Connections: framing the bytes a transport feeds in into requests, and
 * the bounded queue of replies and watch events going out.
 */
#include <stdlib.h>
#include <string.h>
#include "core.h"

struct store_conn *store_conn_new(struct store *store, unsigned int domid)
{
	struct store_conn *conn = calloc(1, sizeof(*conn));

	if (!conn)
		return NULL;
	conn->store = store;
	conn->domid = domid;
	conn->next = store->conns;
	if (store->conns)
		store->conns->prev = conn;
	store->conns = conn;
	store->stats.connections++;
	return conn;
}

void store_conn_free(struct store_conn *conn)
{
	struct store *store;
	struct out_msg *m;

	if (!conn)
		return;
	store = conn->store;
	watch_remove_all(conn);
	tx_end_all(conn);
	domain_forget_conn(store, conn);
	while ((m = conn->out_head)) {
		conn->out_head = m->next;
		free(m);
	}
	if (conn->prev)
		conn->prev->next = conn->next;
	else
		store->conns = conn->next;
	if (conn->next)
		conn->next->prev = conn->prev;
	if (store->serving == conn)
		store->serving = NULL;
	store->stats.connections--;
	free(conn);
}

unsigned int store_conn_domid(const struct store_conn *conn)
{
	return conn->domid;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

void conn_send(struct store_conn *conn, uint32_t type, uint32_t req_id, uint32_t tx_id,
	       const struct chunk *chunks, unsigned int nchunks, bool is_event)
{
	struct store *store = conn->store;
	size_t len = 0, off = MSG_HEADER_SIZE;
	struct out_msg *m;
	unsigned int i;

	for (i = 0; i < nchunks; i++)
		len += chunks[i].len;
	if (is_event && conn->out_bytes + MSG_HEADER_SIZE + len > store->limits.max_output_queued) {
		conn->overflowed = true;
		store->stats.dropped_events++;
		return;
	}
	m = malloc(sizeof(*m) + MSG_HEADER_SIZE + len);
	if (!m || len > SHALE_XS_PAYLOAD_MAX) {
		free(m);
		conn->overflowed = true;
		return;
	}
	m->next = NULL;
	m->len = MSG_HEADER_SIZE + len;
	m->sent = 0;
	put_le32(m->bytes, type);
	put_le32(m->bytes + 4, req_id);
	put_le32(m->bytes + 8, tx_id);
	put_le32(m->bytes + 12, (uint32_t)len);
	for (i = 0; i < nchunks; i++) {
		memcpy(m->bytes + off, chunks[i].data, chunks[i].len);
		off += chunks[i].len;
	}
	if (conn->out_tail)
		conn->out_tail->next = m;
	else
		conn->out_head = m;
	conn->out_tail = m;
	conn->out_bytes += m->len;
	if (is_event)
		store->stats.watch_events++;
	if (conn != store->serving && store->hooks.notify)
		store->hooks.notify(store->hooks.ctx, conn);
}

size_t store_conn_output(struct store_conn *conn, void *buf, size_t max)
{
	uint8_t *out = buf;
	size_t done = 0;

	while (conn->out_head && done < max) {
		struct out_msg *m = conn->out_head;
		size_t n = m->len - m->sent;

		if (n > max - done)
			n = max - done;
		memcpy(out + done, m->bytes + m->sent, n);
		m->sent += n;
		done += n;
		conn->out_bytes -= n;
		if (m->sent == m->len) {
			conn->out_head = m->next;
			if (!conn->out_head)
				conn->out_tail = NULL;
			free(m);
		}
	}
	return done;
}

bool store_conn_has_output(const struct store_conn *conn)
{
	return conn->out_head != NULL;
}

size_t store_conn_output_queued(const struct store_conn *conn)
{
	return conn->out_bytes;
}

bool store_conn_overflowed(const struct store_conn *conn)
{
	return conn->overflowed;
}

/* Bytes still missing from the request being assembled. */
static size_t bytes_wanted(const struct store_conn *conn)
{
	if (conn->in_len < MSG_HEADER_SIZE)
		return MSG_HEADER_SIZE - conn->in_len;
	return MSG_HEADER_SIZE + get_le32(conn->in + 12) - conn->in_len;
}

/* Runs the complete request in conn->in; false if the connection must close. */
static bool run_request(struct store_conn *conn)
{
	struct store *store = conn->store;
	struct shale_xs_msg_header hdr = {
		.type = get_le32(conn->in),
		.req_id = get_le32(conn->in + 4),
		.tx_id = get_le32(conn->in + 8),
		.len = get_le32(conn->in + 12),
	};

	conn->in_len = 0;
	/* A peer that sends without reading its replies gets no more replies. */
	if (conn->out_bytes >= store->limits.max_output_queued)
		return false;
	store->serving = conn;
	protocol_dispatch(conn, &hdr, (const char *)conn->in + MSG_HEADER_SIZE);
	store->serving = NULL;
	return !conn->overflowed;
}

int store_conn_input(struct store_conn *conn, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	if (conn->overflowed)
		return -1;
	while (len) {
		size_t n = bytes_wanted(conn);

		if (n > len)
			n = len;
		memcpy(conn->in + conn->in_len, p, n);
		conn->in_len += n;
		p += n;
		len -= n;
		if (conn->in_len == MSG_HEADER_SIZE && get_le32(conn->in + 12) > SHALE_XS_PAYLOAD_MAX)
			return -1;
		if (conn->in_len >= MSG_HEADER_SIZE && bytes_wanted(conn) == 0 &&
		    !run_request(conn))
			return -1;
	}
	return 0;
}
