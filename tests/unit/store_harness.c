/* SPDX-License-Identifier: MIT */
/* The store tests' harness: scratch stores, wire encoding, request helpers. */
#include <stdarg.h>
#include <stdio.h>
#include "unit.h"
#include "store_harness.h"

#define MAX_KEPT 512

struct kept_event {
	struct store_conn *conn;
	char path[SHALE_XS_PAYLOAD_MAX];
	char token[SHALE_XS_PAYLOAD_MAX];
};

static struct kept_event kept[MAX_KEPT];
static unsigned int nkept;
static uint32_t next_req_id = 1;

static int hook_introduce(void *ctx, unsigned int domid, uint64_t mfn, uint32_t port)
{
	struct st *t = ctx;

	if (t->introduce_result)
		return t->introduce_result;
	ck_assert_uint_lt(t->nintroduced, ST_MAX_DOMAINS);
	t->ring_domid[t->nintroduced] = domid;
	t->ring[t->nintroduced] = store_conn_new(t->store, domid);
	t->introduced[t->nintroduced++] = domid;
	return 0;
}

static void hook_release(void *ctx, unsigned int domid)
{
	struct st *t = ctx;
	unsigned int i;

	ck_assert_uint_lt(t->nreleased, ST_MAX_DOMAINS);
	t->released[t->nreleased++] = domid;
	/* The store frees the connection: forget it here, as a transport would. */
	for (i = 0; i < t->nintroduced; i++)
		if (t->ring_domid[i] == domid)
			t->ring[i] = NULL;
}

static void open_store(struct st *t)
{
	struct store_hooks hooks = { .ctx = t, .introduce = hook_introduce,
				     .release = hook_release };
	char err[256] = "";

	t->store = store_open(t->db, &t->limits, &hooks, err, sizeof(err));
	ck_assert_msg(t->store != NULL, "store_open: %s", err);
}

void st_open(struct st *t, const struct store_limits *limits)
{
	memset(t, 0, sizeof(*t));
	strcpy(t->dir, "/tmp/shale-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
	snprintf(t->db, sizeof(t->db), "%s/store.lmdb", t->dir);
	if (limits)
		t->limits = *limits;
	else
		store_default_limits(&t->limits);
	nkept = 0;
	open_store(t);
}

void st_reopen(struct st *t)
{
	store_close(t->store);
	nkept = 0;
	open_store(t);
}

void st_close(struct st *t)
{
	store_close(t->store);
	t->store = NULL;
	unit_remove_tree(t->dir);
}

struct store_conn *st_conn(struct st *t, unsigned int domid)
{
	struct store_conn *c = store_conn_new(t->store, domid);

	ck_assert_ptr_nonnull(c);
	return c;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

size_t st_encode(uint8_t *buf, uint32_t type, uint32_t req_id, uint32_t tx_id,
		 const void *payload, size_t len)
{
	put32(buf, type);
	put32(buf + 4, req_id);
	put32(buf + 8, tx_id);
	put32(buf + 12, (uint32_t)len);
	memcpy(buf + 16, payload, len);
	return 16 + len;
}

int st_feed(struct store_conn *c, const void *bytes, size_t len)
{
	void *copy = unit_dup(bytes, len);
	int rc = store_conn_input(c, copy, len);

	free(copy);
	return rc;
}

bool st_recv(struct store_conn *c, struct st_msg *m)
{
	uint8_t hdr[16];
	size_t got;

	if (!store_conn_has_output(c))
		return false;
	got = store_conn_output(c, hdr, sizeof(hdr));
	ck_assert_uint_eq(got, sizeof(hdr));
	m->type = get32(hdr);
	m->req_id = get32(hdr + 4);
	m->tx_id = get32(hdr + 8);
	m->len = get32(hdr + 12);
	ck_assert_uint_le(m->len, SHALE_XS_PAYLOAD_MAX);
	got = store_conn_output(c, m->payload, m->len);
	ck_assert_uint_eq(got, m->len);
	m->payload[m->len] = '\0';
	return true;
}

static void keep_event(struct store_conn *c, const struct st_msg *m)
{
	size_t plen = strlen(m->payload);

	ck_assert_uint_lt(nkept, MAX_KEPT);
	ck_assert_uint_eq(m->req_id, 0);
	/* "path\0token\0": exactly two strings. */
	ck_assert_uint_lt(plen + 1, m->len);
	ck_assert_uint_eq(plen + 1 + strlen(m->payload + plen + 1) + 1, m->len);
	kept[nkept].conn = c;
	strcpy(kept[nkept].path, m->payload);
	strcpy(kept[nkept].token, m->payload + plen + 1);
	nkept++;
}

void st_request(struct store_conn *c, uint32_t type, uint32_t tx, const void *payload,
		size_t len, struct st_msg *reply)
{
	static uint8_t buf[16 + SHALE_XS_PAYLOAD_MAX];
	uint32_t req_id = next_req_id++;

	ck_assert_int_eq(st_feed(c, buf, st_encode(buf, type, req_id, tx, payload, len)), 0);
	for (;;) {
		ck_assert_msg(st_recv(c, reply), "no reply to a request of type %u", type);
		if (reply->type != SHALE_XS_WATCH_EVENT)
			break;
		keep_event(c, reply);
	}
	ck_assert_uint_eq(reply->req_id, req_id);
	ck_assert_uint_eq(reply->tx_id, tx);
	ck_assert_msg(reply->type == type || reply->type == SHALE_XS_ERROR,
		      "reply type %u to request type %u", reply->type, type);
}

const char *st_error(const struct st_msg *reply)
{
	static char names[8][32];
	static unsigned int next;
	char *name;

	if (reply->type != SHALE_XS_ERROR)
		return NULL;
	/* An error reply is one NUL-terminated name. */
	ck_assert_uint_gt(reply->len, 1);
	ck_assert_int_eq(reply->payload[reply->len - 1], '\0');
	ck_assert_uint_eq(strlen(reply->payload), reply->len - 1);
	ck_assert_uint_lt(reply->len, sizeof(names[0]));
	name = names[next++ % 8];
	memcpy(name, reply->payload, reply->len);
	return name;
}

const char *st_call(struct store_conn *c, uint32_t type, uint32_t tx, struct st_msg *reply,
		    const char *first, ...)
{
	static char payload[SHALE_XS_PAYLOAD_MAX];
	static struct st_msg own;
	size_t len = 0;
	const char *s;
	va_list ap;

	if (!reply)
		reply = &own;
	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *)) {
		size_t n = strlen(s) + 1;

		ck_assert_uint_le(len + n, sizeof(payload));
		memcpy(payload + len, s, n);
		len += n;
	}
	va_end(ap);
	st_request(c, type, tx, payload, len, reply);
	return st_error(reply);
}

/* Checks an "OK" reply. */
static const char *ok_or_error(const struct st_msg *m)
{
	const char *err = st_error(m);

	if (!err) {
		ck_assert_uint_eq(m->len, 3);
		ck_assert_str_eq(m->payload, "OK");
	}
	return err;
}

const char *st_write(struct store_conn *c, uint32_t tx, const char *path, const char *value)
{
	static char payload[SHALE_XS_PAYLOAD_MAX];
	struct st_msg m;
	size_t plen = strlen(path) + 1, vlen = strlen(value);

	ck_assert_uint_le(plen + vlen, sizeof(payload));
	memcpy(payload, path, plen);
	memcpy(payload + plen, value, vlen);
	st_request(c, SHALE_XS_WRITE, tx, payload, plen + vlen, &m);
	return ok_or_error(&m);
}

const char *st_read(struct store_conn *c, uint32_t tx, const char *path, char *value)
{
	struct st_msg m;
	const char *err = st_call(c, SHALE_XS_READ, tx, &m, path, NULL);

	if (!err && value)
		memcpy(value, m.payload, m.len + 1);
	return err;
}

const char *st_mkdir(struct store_conn *c, uint32_t tx, const char *path)
{
	struct st_msg m;

	st_call(c, SHALE_XS_MKDIR, tx, &m, path, NULL);
	return ok_or_error(&m);
}

const char *st_rm(struct store_conn *c, uint32_t tx, const char *path)
{
	struct st_msg m;

	st_call(c, SHALE_XS_RM, tx, &m, path, NULL);
	return ok_or_error(&m);
}

/* "a\0b\0" -> "a,b"; every string NUL-terminated. */
static void join_strings(const struct st_msg *m, char *out)
{
	size_t i;

	ck_assert(m->len == 0 || m->payload[m->len - 1] == '\0');
	for (i = 0; i < m->len; i++)
		out[i] = (m->payload[i] == '\0' && i + 1 < m->len) ? ',' : m->payload[i];
	out[m->len ? m->len - 1 : 0] = '\0';
}

const char *st_dir(struct store_conn *c, uint32_t tx, const char *path, char *list)
{
	struct st_msg m;
	const char *err = st_call(c, SHALE_XS_DIRECTORY, tx, &m, path, NULL);

	if (!err)
		join_strings(&m, list);
	return err;
}

const char *st_get_perms(struct store_conn *c, uint32_t tx, const char *path, char *perms)
{
	struct st_msg m;
	const char *err = st_call(c, SHALE_XS_GET_PERMS, tx, &m, path, NULL);

	if (!err)
		join_strings(&m, perms);
	return err;
}

const char *st_set_perms(struct store_conn *c, uint32_t tx, const char *path, const char *perms)
{
	static char payload[SHALE_XS_PAYLOAD_MAX];
	struct st_msg m;
	size_t plen = strlen(path) + 1, len = strlen(perms) + 1, i;

	ck_assert_uint_le(plen + len, sizeof(payload));
	memcpy(payload, path, plen);
	memcpy(payload + plen, perms, len);
	for (i = plen; i < plen + len; i++)
		if (payload[i] == ',')
			payload[i] = '\0';
	st_request(c, SHALE_XS_SET_PERMS, tx, payload, plen + len, &m);
	return ok_or_error(&m);
}

const char *st_watch(struct store_conn *c, const char *path, const char *token)
{
	struct st_msg m;

	st_call(c, SHALE_XS_WATCH, 0, &m, path, token, NULL);
	return ok_or_error(&m);
}

const char *st_unwatch(struct store_conn *c, const char *path, const char *token)
{
	struct st_msg m;

	st_call(c, SHALE_XS_UNWATCH, 0, &m, path, token, NULL);
	return ok_or_error(&m);
}

const char *st_tx_start(struct store_conn *c, uint32_t *id)
{
	struct st_msg m;
	const char *err = st_call(c, SHALE_XS_TRANSACTION_START, 0, &m, "", NULL);
	char *end;

	if (!err) {
		ck_assert_int_eq(m.payload[m.len - 1], '\0');
		*id = (uint32_t)strtoul(m.payload, &end, 10);
		ck_assert_msg(*end == '\0' && *id != 0, "bad transaction id '%s'", m.payload);
	}
	return err;
}

const char *st_tx_end(struct store_conn *c, uint32_t id, bool commit)
{
	struct st_msg m;

	st_call(c, SHALE_XS_TRANSACTION_END, id, &m, commit ? "T" : "F", NULL);
	return ok_or_error(&m);
}

bool st_event(struct store_conn *c, char *path, char *token)
{
	struct st_msg m;
	unsigned int i;

	for (i = 0; i < nkept; i++)
		if (kept[i].conn == c) {
			strcpy(path, kept[i].path);
			strcpy(token, kept[i].token);
			memmove(&kept[i], &kept[i + 1], (nkept - i - 1) * sizeof(kept[0]));
			nkept--;
			return true;
		}
	if (!st_recv(c, &m))
		return false;
	ck_assert_uint_eq(m.type, SHALE_XS_WATCH_EVENT);
	keep_event(c, &m);
	return st_event(c, path, token);
}

unsigned int st_drain_events(struct store_conn *c)
{
	char path[SHALE_XS_PAYLOAD_MAX], token[SHALE_XS_PAYLOAD_MAX];
	unsigned int n = 0;

	while (st_event(c, path, token))
		n++;
	return n;
}
