/* SPDX-License-Identifier: MIT */
/*
 * The client library's message layer against a scripted fake transport:
 * request framing, replies split at every byte, watch events that arrive
 * before a reply (queued, in order, none lost), error names to errno,
 * DIRECTORY_PART paging and restarts, and bad input from the store (a
 * length over the limit, a malformed event, a closed peer) failing cleanly.
 * Prints "PASS lib-NAME" or "FAIL lib-NAME: why" per case; exit status 1
 * if any failed. Built with the sanitizers, so a bad access fails too.
 */
#include "xs.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <public/io/xs_wire.h>

#define MAX_STEPS 8
#define MAX_EVENTS 4
#define BUF_BYTES (64 * 1024)

/* One scripted answer: events sent first, then the reply. */
struct step {
	const char *events[MAX_EVENTS];	/* "path\0token" pairs as two strings: see ev() */
	unsigned int event_lens[MAX_EVENTS];
	uint32_t type;			/* reply type; 0: echo the request's type */
	const char *payload;
	unsigned int len;
	uint32_t len_override;		/* nonzero: claim this length in the header */
	bool close;			/* instead of replying, the peer closes */
};

struct fake {
	struct step steps[MAX_STEPS];
	unsigned int nsteps, next_step;
	size_t chunk;			/* most bytes one recv() hands out */
	unsigned char sent[BUF_BYTES];	/* every request, as sent */
	size_t sent_len;
	unsigned char out[BUF_BYTES];	/* bytes waiting for recv() */
	size_t out_len, out_pos;
	bool closed;
	unsigned int recv_calls;
};

static const char *failure;
static char failure_buf[256];

static void fail(const char *fmt, ...)
{
	va_list ap;

	if (failure)
		return;
	va_start(ap, fmt);
	vsnprintf(failure_buf, sizeof(failure_buf), fmt, ap);
	va_end(ap);
	failure = failure_buf;
}

#define EXPECT(cond) do { if (!(cond)) fail("%s (line %d)", #cond, __LINE__); } while (0)

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);	/* the test host is little-endian, like the wire */
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void emit(struct fake *f, uint32_t type, uint32_t req_id, const char *payload,
		 unsigned int len, uint32_t claimed_len)
{
	unsigned char *p = f->out + f->out_len;

	put32(p, type);
	put32(p + 4, req_id);
	put32(p + 8, 0);
	put32(p + 12, claimed_len ? claimed_len : len);
	memcpy(p + 16, payload, len);
	f->out_len += 16 + len;
}

static int fake_send(void *ctx, const void *buf, size_t len)
{
	struct fake *f = ctx;
	const unsigned char *req = buf;
	struct step *s;
	unsigned int i;

	if (len < 16 || get32(req + 12) != len - 16) {
		fail("send() got %zu bytes, not one whole request", len);
		return EIO;
	}
	memcpy(f->sent + f->sent_len, buf, len);
	f->sent_len += len;
	if (f->next_step == f->nsteps) {
		fail("request type %u beyond the script", get32(req));
		return EIO;
	}
	s = &f->steps[f->next_step++];
	for (i = 0; i < MAX_EVENTS && s->events[i]; i++)
		emit(f, SHALE_XS_WATCH_EVENT, 0, s->events[i], s->event_lens[i], 0);
	if (s->close)
		f->closed = true;
	else
		emit(f, s->type ? s->type : get32(req), get32(req + 4), s->payload, s->len,
		     s->len_override);
	return 0;
}

static long fake_recv(void *ctx, void *buf, size_t max, bool block)
{
	struct fake *f = ctx;
	size_t n = f->out_len - f->out_pos;

	f->recv_calls++;
	if (n == 0) {
		if (f->closed)
			return -ECONNRESET;
		if (block) {
			fail("blocking recv() with nothing scripted");
			return -EIO;
		}
		return 0;
	}
	if (n > max)
		n = max;
	if (n > f->chunk)
		n = f->chunk;
	memcpy(buf, f->out + f->out_pos, n);
	f->out_pos += n;
	return (long)n;
}

static struct xs_handle *fake_open(struct fake *f, size_t chunk)
{
	struct xs_transport t = { .ctx = f, .send = fake_send, .recv = fake_recv };

	memset(f, 0, sizeof(*f));
	f->chunk = chunk;
	return xs_open_transport(&t);
}

/* Adds a scripted reply; returns the step for adding events. */
static struct step *script(struct fake *f, uint32_t type, const char *payload, unsigned int len)
{
	struct step *s = &f->steps[f->nsteps++];

	s->type = type;
	s->payload = payload;
	s->len = len;
	return s;
}

static void add_event(struct step *s, const char *payload, unsigned int len)
{
	unsigned int i = 0;

	while (s->events[i])
		i++;
	s->events[i] = payload;
	s->event_lens[i] = len;
}

/* The payload of the n-th request sent (0-based), its type in *type. */
static const unsigned char *sent_request(struct fake *f, unsigned int n, uint32_t *type,
					 uint32_t *tx, uint32_t *len)
{
	size_t off = 0;

	while (off < f->sent_len) {
		uint32_t l = get32(f->sent + off + 12);

		if (n-- == 0) {
			*type = get32(f->sent + off);
			*tx = get32(f->sent + off + 8);
			*len = l;
			return f->sent + off + 16;
		}
		off += 16 + l;
	}
	return NULL;
}

static void expect_request(struct fake *f, unsigned int n, uint32_t type, uint32_t tx,
			   const char *payload, uint32_t len)
{
	uint32_t got_type, got_tx, got_len;
	const unsigned char *p = sent_request(f, n, &got_type, &got_tx, &got_len);

	if (!p) {
		fail("request %u was never sent", n);
		return;
	}
	if (got_type != type || got_tx != tx || got_len != len || memcmp(p, payload, len))
		fail("request %u: type %u tx %u len %u, expected type %u tx %u len %u", n,
		     got_type, got_tx, got_len, type, tx, len);
}

static void test_framing(struct xs_handle *h, struct fake *f)
{
	script(f, 0, "OK", 3);
	script(f, 0, "OK", 3);
	EXPECT(xs_write(h, 7, "/a/b", "v\0x", 3));
	EXPECT(xs_rm(h, XBT_NULL, "/a"));
	expect_request(f, 0, SHALE_XS_WRITE, 7, "/a/b\0v\0x", 8);
	expect_request(f, 1, SHALE_XS_RM, 0, "/a", 3);
}

static void test_split_reply(struct xs_handle *h, struct fake *f)
{
	unsigned int len = 0;
	char *value;

	script(f, 0, "hello\0world", 11);
	value = xs_read(h, XBT_NULL, "/x", &len);
	EXPECT(value && len == 11 && memcmp(value, "hello\0world", 12) == 0);
	EXPECT(f->recv_calls >= 16 + 11);
	free(value);
}

static void test_events_queued(struct xs_handle *h, struct fake *f)
{
	struct step *s = script(f, 0, "42", 2);
	unsigned int num = 0;
	char **ev;
	char *value;

	add_event(s, "/w/1\0tok1", 10);
	add_event(s, "/w/2\0tok2", 10);
	value = xs_read(h, XBT_NULL, "/x", NULL);
	EXPECT(value && strcmp(value, "42") == 0);
	free(value);
	ev = xs_read_watch(h, &num);
	EXPECT(ev && num == 2 && strcmp(ev[XS_WATCH_PATH], "/w/1") == 0 &&
	       strcmp(ev[XS_WATCH_TOKEN], "tok1") == 0);
	free(ev);
	ev = xs_check_watch(h);
	EXPECT(ev && strcmp(ev[XS_WATCH_PATH], "/w/2") == 0);
	free(ev);
	errno = 0;
	EXPECT(xs_check_watch(h) == NULL && errno == EAGAIN);
}

static void test_errors(struct xs_handle *h, struct fake *f)
{
	char *value;

	script(f, SHALE_XS_ERROR, "ENOENT", 7);
	script(f, SHALE_XS_ERROR, "EQUOTA", 7);
	script(f, SHALE_XS_ERROR, "ENEWNAME", 9);
	script(f, SHALE_XS_ERROR, "EAGAIN", 7);
	errno = 0;
	EXPECT(!xs_read(h, XBT_NULL, "/missing", NULL) && errno == ENOENT);
	EXPECT(!xs_write(h, XBT_NULL, "/q", "1", 1) && errno == EDQUOT);
	EXPECT(!xs_mkdir(h, XBT_NULL, "/n") && errno == EINVAL);
	EXPECT(!xs_transaction_end(h, 5, false) && errno == EAGAIN);
	expect_request(f, 3, SHALE_XS_TRANSACTION_END, 5, "T", 2);
	/* The handle still works after error replies. */
	script(f, 0, "v", 1);
	value = xs_read(h, XBT_NULL, "/x", NULL);
	EXPECT(value && strcmp(value, "v") == 0);
	free(value);
}

static void test_too_long_request(struct xs_handle *h, struct fake *f)
{
	static char big[SHALE_XS_PAYLOAD_MAX];

	memset(big, 'x', sizeof(big));
	errno = 0;
	EXPECT(!xs_write(h, XBT_NULL, "/big", big, sizeof(big)) && errno == E2BIG);
	EXPECT(f->sent_len == 0);
}

static void test_directory(struct xs_handle *h, struct fake *f)
{
	unsigned int num = 99;
	char **names;

	script(f, 0, "a\0bb\0", 5);
	script(f, 0, "", 0);
	names = xs_directory(h, XBT_NULL, "/d", &num);
	EXPECT(names && num == 2 && strcmp(names[0], "a") == 0 && strcmp(names[1], "bb") == 0);
	free(names);
	names = xs_directory(h, XBT_NULL, "/empty", &num);
	EXPECT(names && num == 0);
	free(names);
}

static void test_directory_part(struct xs_handle *h, struct fake *f)
{
	unsigned int num = 0;
	char **names;

	script(f, SHALE_XS_ERROR, "E2BIG", 6);
	script(f, 0, "7\0a\0bb\0", 7);
	script(f, 0, "8\0x\0", 4);	/* the node changed: start again */
	script(f, 0, "8\0a\0bb\0", 7);
	script(f, 0, "8\0c\0\0", 5);
	names = xs_directory(h, XBT_NULL, "/big", &num);
	EXPECT(names && num == 3 && strcmp(names[0], "a") == 0 &&
	       strcmp(names[1], "bb") == 0 && strcmp(names[2], "c") == 0);
	free(names);
	expect_request(f, 1, SHALE_XS_DIRECTORY_PART, 0, "/big\0" "0", 7);
	expect_request(f, 2, SHALE_XS_DIRECTORY_PART, 0, "/big\0" "5", 7);
	expect_request(f, 3, SHALE_XS_DIRECTORY_PART, 0, "/big\0" "0", 7);
	expect_request(f, 4, SHALE_XS_DIRECTORY_PART, 0, "/big\0" "5", 7);
}

static void test_permissions(struct xs_handle *h, struct fake *f)
{
	struct xs_permissions set[2] = { { 0, XS_PERM_NONE }, { 5, XS_PERM_READ } };
	struct xs_permissions bad = { 1, 7 };
	struct xs_permissions *got;
	unsigned int num = 0;

	script(f, 0, "OK", 3);
	script(f, 0, "b3\0w5\0", 6);
	script(f, 0, "b3\0q5\0", 6);
	EXPECT(xs_set_permissions(h, XBT_NULL, "/p", set, 2));
	expect_request(f, 0, SHALE_XS_SET_PERMS, 0, "/p\0n0\0r5", 9);
	got = xs_get_permissions(h, XBT_NULL, "/p", &num);
	EXPECT(got && num == 2 && got[0].id == 3 && got[0].perms == XS_PERM_BOTH &&
	       got[1].id == 5 && got[1].perms == XS_PERM_WRITE);
	free(got);
	errno = 0;
	EXPECT(!xs_get_permissions(h, XBT_NULL, "/p", &num) && errno == EIO);
	EXPECT(!xs_set_permissions(h, XBT_NULL, "/p", &bad, 1) && errno == EINVAL);
	EXPECT(!xs_set_permissions(h, XBT_NULL, "/p", set, 0) && errno == EINVAL);
}

static void test_perm_strings(struct xs_handle *h, struct fake *f)
{
	static const char *const bad[] = { "", "r", "x5", "r-1", "r 1", "r+1", "r5x", "r65536" };
	struct xs_permissions p;
	char text[4];
	unsigned int i;

	EXPECT(xs_perm_from_string("w65535", &p) && p.id == 65535 && p.perms == XS_PERM_WRITE);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xs_perm_from_string(bad[i], &p))
			fail("accepted bad permission '%s'", bad[i]);
	p.id = 12;
	p.perms = XS_PERM_BOTH;
	EXPECT(xs_perm_to_string(&p, text, sizeof(text)) && strcmp(text, "b12") == 0);
	p.id = 123;
	EXPECT(!xs_perm_to_string(&p, text, sizeof(text)));
}

static void test_transactions_and_domains(struct xs_handle *h, struct fake *f)
{
	char *path;

	script(f, 0, "17", 3);
	script(f, 0, "junk", 5);
	script(f, 0, "OK", 3);
	script(f, 0, "/local/domain/4", 16);
	script(f, 0, "F", 2);
	script(f, 0, "OK", 3);
	EXPECT(xs_transaction_start(h) == 17);
	errno = 0;
	EXPECT(xs_transaction_start(h) == XBT_NULL && errno == EIO);
	EXPECT(xs_introduce_domain(h, 4, 0x1234, 9));
	expect_request(f, 2, SHALE_XS_INTRODUCE, 0, "4\0" "4660\0" "9", 9);
	path = xs_get_domain_path(h, 4);
	EXPECT(path && strcmp(path, "/local/domain/4") == 0);
	free(path);
	EXPECT(!xs_is_domain_introduced(h, 4) && errno == 0);
	EXPECT(xs_release_domain(h, 4));
	expect_request(f, 5, SHALE_XS_RELEASE, 0, "4", 2);
}

static void test_oversized_reply(struct xs_handle *h, struct fake *f)
{
	struct step *s = script(f, 0, "x", 1);

	s->len_override = SHALE_XS_PAYLOAD_MAX + 1;
	errno = 0;
	EXPECT(!xs_read(h, XBT_NULL, "/x", NULL) && errno == EIO);
	/* Broken for good: no further request goes out. */
	EXPECT(!xs_read(h, XBT_NULL, "/x", NULL) && errno == EIO);
	EXPECT(f->next_step == 1);
}

static void test_bad_event(struct xs_handle *h, struct fake *f)
{
	struct step *s = script(f, 0, "v", 1);

	add_event(s, "/only-path-no-token", 19);
	errno = 0;
	EXPECT(!xs_read(h, XBT_NULL, "/x", NULL) && errno == EIO);
}

static void test_peer_closed(struct xs_handle *h, struct fake *f)
{
	struct step *s = script(f, 0, "", 0);

	s->close = true;
	errno = 0;
	EXPECT(!xs_read(h, XBT_NULL, "/x", NULL) && errno == ECONNRESET);
	EXPECT(!xs_read_watch(h, &(unsigned int){ 0 }) && errno == ECONNRESET);
}

struct lib_case {
	const char *name;
	void (*run)(struct xs_handle *h, struct fake *f);
	size_t chunk;
};

static const struct lib_case cases[] = {
	{ "lib-framing", test_framing, BUF_BYTES },
	{ "lib-split-reply", test_split_reply, 1 },
	{ "lib-events-queued", test_events_queued, 3 },
	{ "lib-error-names", test_errors, BUF_BYTES },
	{ "lib-too-long-request", test_too_long_request, BUF_BYTES },
	{ "lib-directory", test_directory, BUF_BYTES },
	{ "lib-directory-part", test_directory_part, 2 },
	{ "lib-permissions", test_permissions, BUF_BYTES },
	{ "lib-perm-strings", test_perm_strings, BUF_BYTES },
	{ "lib-transactions-domains", test_transactions_and_domains, BUF_BYTES },
	{ "lib-oversized-reply", test_oversized_reply, BUF_BYTES },
	{ "lib-malformed-event", test_bad_event, BUF_BYTES },
	{ "lib-peer-closed", test_peer_closed, BUF_BYTES },
};

int main(void)
{
	static struct fake f;
	unsigned int i, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct xs_handle *h = fake_open(&f, cases[i].chunk);

		failure = NULL;
		if (!h)
			fail("xs_open_transport failed");
		else
			cases[i].run(h, &f);
		if (!failure && f.next_step != f.nsteps)
			fail("%u scripted replies never asked for", f.nsteps - f.next_step);
		xs_close(h);
		if (failure) {
			printf("FAIL %s: %s\n", cases[i].name, failure);
			failed++;
		} else {
			printf("PASS %s\n", cases[i].name);
		}
	}
	return failed ? 1 : 0;
}
