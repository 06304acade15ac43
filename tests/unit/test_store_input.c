/* SPDX-License-Identifier: MIT */
/*
 * Store core: what a peer can send and how much it can make the store
 * hold. Unknown types are ENOSYS and the connection goes on; payloads
 * without their NULs or with the wrong number of strings are EINVAL; a
 * length over 4096 closes the connection; requests split at every byte
 * or packed together work; random messages never break the store or
 * another connection. A peer that never reads is bounded: its watch
 * events stop at max_output_queued (then it must be closed), and so do
 * its replies. Quotas: value size, nodes owned (kept across a restart).
 */
#include <stdio.h>
#include "unit.h"
#include "store_harness.h"

static struct st t;
static struct store_conn *d0;

static void setup(void)
{
	st_open(&t, NULL);
	d0 = st_conn(&t, 0);
	ck_assert_ptr_null(st_write(d0, 0, "/known", "value"));
}

static void teardown(void)
{
	st_close(&t);
}

/* The store still answers correctly on c. */
static void still_works(struct store_conn *c)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_read(c, 0, "/known", buf));
	ck_assert_str_eq(buf, "value");
}

START_TEST(unknown_types_are_enosys)
{
	static const uint32_t types[] = { SHALE_XS_CONTROL, SHALE_XS_RESUME, SHALE_XS_SET_TARGET,
					  20, SHALE_XS_WATCH_EVENT, SHALE_XS_ERROR,
					  SHALE_XS_TYPE_COUNT, 1000, 0xffffffffu };
	struct st_msg m;
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		uint8_t buf[32];

		ck_assert_int_eq(st_feed(d0, buf, st_encode(buf, types[i], 5, 0, "x", 2)), 0);
		ck_assert(st_recv(d0, &m));
		ck_assert_uint_eq(m.type, SHALE_XS_ERROR);
		ck_assert_uint_eq(m.req_id, 5);
		ck_assert_str_eq(m.payload, "ENOSYS");
		still_works(d0);
	}
}
END_TEST

START_TEST(malformed_payloads_are_einval)
{
	static const struct {
		uint32_t type;
		const char *payload;
		size_t len;
	} cases[] = {
		{ SHALE_XS_READ, "/known", 6 },			/* no NUL */
		{ SHALE_XS_READ, "", 0 },			/* nothing */
		{ SHALE_XS_READ, "/known\0/x", 10 },		/* two strings */
		{ SHALE_XS_DIRECTORY, "/", 1 },
		{ SHALE_XS_GET_PERMS, "/known\0\0", 8 },
		{ SHALE_XS_WRITE, "/known", 6 },		/* no NUL after the path */
		{ SHALE_XS_MKDIR, "/m", 2 },
		{ SHALE_XS_RM, "/known", 6 },
		{ SHALE_XS_WATCH, "/known\0tok", 10 },
		{ SHALE_XS_WATCH, "/known", 7 },
		{ SHALE_XS_UNWATCH, "/known\0tok\0x", 13 },
		{ SHALE_XS_SET_PERMS, "/known\0n0", 9 },
		{ SHALE_XS_SET_PERMS, "/known", 7 },
		{ SHALE_XS_TRANSACTION_START, "x", 1 },
		{ SHALE_XS_INTRODUCE, "1\0002\0003", 5 },
		{ SHALE_XS_RELEASE, "1", 1 },
		{ SHALE_XS_GET_DOMAIN_PATH, "1", 1 },
		{ SHALE_XS_GET_DOMAIN_PATH, "", 1 },
		{ SHALE_XS_IS_DOMAIN_INTRODUCED, "-1", 3 },
		{ SHALE_XS_DIRECTORY_PART, "/\0", 2 },
	};
	struct st_msg m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		st_request(d0, cases[i].type, 0, cases[i].payload, cases[i].len, &m);
		ck_assert_msg(st_error(&m) && strcmp(st_error(&m), "EINVAL") == 0,
			      "case %zu (type %u): %s", i, cases[i].type,
			      st_error(&m) ? st_error(&m) : "accepted");
	}
	still_works(d0);
	ck_assert_str_eq(st_read(d0, 0, "/m", NULL), "ENOENT");
}
END_TEST

START_TEST(oversized_length_closes)
{
	struct store_conn *bad = st_conn(&t, 0);
	uint8_t hdr[16];

	st_encode(hdr, SHALE_XS_READ, 1, 0, "", 0);
	hdr[12] = (SHALE_XS_PAYLOAD_MAX + 1) & 0xff;
	hdr[13] = (SHALE_XS_PAYLOAD_MAX + 1) >> 8;
	ck_assert_int_eq(st_feed(bad, hdr, 15), 0);	/* not whole yet */
	ck_assert_int_eq(st_feed(bad, hdr + 15, 1), -1);
	store_conn_free(bad);
	still_works(d0);
	/* Exactly the maximum is fine (and here a bad path). */
	{
		static uint8_t buf[16 + SHALE_XS_PAYLOAD_MAX];
		static char payload[SHALE_XS_PAYLOAD_MAX];
		struct st_msg m;

		memset(payload, 'a', sizeof(payload) - 1);
		payload[sizeof(payload) - 1] = '\0';
		ck_assert_int_eq(st_feed(d0, buf, st_encode(buf, SHALE_XS_READ, 2, 0, payload,
							     sizeof(payload))), 0);
		ck_assert(st_recv(d0, &m));
		ck_assert_str_eq(st_error(&m), "EINVAL");
	}
}
END_TEST

START_TEST(split_and_packed_input)
{
	static const char req[] = "/known";
	uint8_t buf[256];
	struct st_msg m;
	size_t len = st_encode(buf, SHALE_XS_READ, 9, 0, req, sizeof(req)), i, n;

	for (i = 0; i < len; i++) {
		ck_assert(!store_conn_has_output(d0));
		ck_assert_int_eq(st_feed(d0, buf + i, 1), 0);
	}
	ck_assert(st_recv(d0, &m));
	ck_assert_str_eq(m.payload, "value");
	/* Three requests in one buffer, the last one cut in two. */
	n = st_encode(buf, SHALE_XS_READ, 1, 0, req, sizeof(req));
	n += st_encode(buf + n, SHALE_XS_GET_PERMS, 2, 0, req, sizeof(req));
	n += st_encode(buf + n, SHALE_XS_READ, 3, 0, "/none", 6);
	ck_assert_int_eq(st_feed(d0, buf, n - 3), 0);
	ck_assert(st_recv(d0, &m) && m.req_id == 1 && strcmp(m.payload, "value") == 0);
	ck_assert(st_recv(d0, &m) && m.req_id == 2 && strcmp(m.payload, "n0") == 0);
	ck_assert(!st_recv(d0, &m));
	ck_assert_int_eq(st_feed(d0, buf + n - 3, 3), 0);
	ck_assert(st_recv(d0, &m) && m.req_id == 3 && m.type == SHALE_XS_ERROR);
}
END_TEST

START_TEST(random_messages)
{
	struct store_conn *fuzz = st_conn(&t, 7), *fuzz0 = st_conn(&t, 0);
	static uint8_t buf[16 + SHALE_XS_PAYLOAD_MAX];
	static const char alphabet[] = "/ab\0@rwnb0123T";
	uint64_t seed = 0x5eed;
	char payload[64];
	unsigned int i;

	for (i = 0; i < 20000; i++) {
		struct store_conn *c = (i & 1) ? fuzz : fuzz0;
		size_t len = unit_rand(&seed) % sizeof(payload), j;
		uint32_t type = (uint32_t)(unit_rand(&seed) % (SHALE_XS_TYPE_COUNT + 2));
		uint32_t tx = (unit_rand(&seed) % 8 == 0) ? (uint32_t)(unit_rand(&seed) % 4) : 0;

		for (j = 0; j < len; j++)
			payload[j] = alphabet[unit_rand(&seed) % (sizeof(alphabet) - 1)];
		unit_check(st_feed(c, buf, st_encode(buf, type, i, tx, payload, len)) == 0,
			   "message %u closed the connection", i);
		while (store_conn_output(c, buf, sizeof(buf)))
			;
	}
	still_works(d0);
	ck_assert_ptr_null(st_write(d0, 0, "/after", "fuzz"));
	still_works(fuzz0);
}
END_TEST

START_TEST(never_reading_watcher_is_bounded)
{
	struct store_conn *lazy = st_conn(&t, 0);
	struct store_stats stats;
	unsigned int i;

	ck_assert_ptr_null(st_watch(lazy, "/spam", "t"));
	for (i = 0; i < 20000 && !store_conn_overflowed(lazy); i++)
		ck_assert_ptr_null(st_write(d0, 0, "/spam", "x"));
	ck_assert(store_conn_overflowed(lazy));
	ck_assert_uint_le(store_conn_output_queued(lazy), t.limits.max_output_queued);
	ck_assert_uint_gt(store_conn_output_queued(lazy), t.limits.max_output_queued / 2);
	store_get_stats(t.store, &stats);
	ck_assert_uint_ge(stats.dropped_events, 1);
	/* It is refused from now on; everyone else is unaffected. */
	ck_assert_int_eq(store_conn_input(lazy, "x", 1), -1);
	store_conn_free(lazy);
	still_works(d0);
}
END_TEST

START_TEST(never_reading_requester_is_bounded)
{
	struct store_conn *lazy = st_conn(&t, 0);
	static const char req[] = "/known";
	uint8_t buf[64];
	size_t len = st_encode(buf, SHALE_XS_READ, 1, 0, req, sizeof(req));
	unsigned int i;
	int rc = 0;

	for (i = 0; i < 100000 && rc == 0; i++)
		rc = st_feed(lazy, buf, len);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_le(store_conn_output_queued(lazy),
			  t.limits.max_output_queued + 16 + SHALE_XS_PAYLOAD_MAX);
	store_conn_free(lazy);
	still_works(d0);
}
END_TEST

START_TEST(value_size_quota)
{
	struct store_conn *d5 = st_conn(&t, 5);
	static char big[3001];

	ck_assert_ptr_null(st_mkdir(d0, 0, "/local/domain/5"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5", "n5"));
	memset(big, 'v', 2048);
	ck_assert_ptr_null(st_write(d5, 0, "v", big));
	memset(big, 'v', 2049);
	ck_assert_str_eq(st_write(d5, 0, "v", big), "EQUOTA");
	memset(big, 'v', 3000);
	ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/v", big));	/* dom0: exempt */
}
END_TEST

START_TEST(node_quota)
{
	struct store_limits limits;
	struct store_conn *d5;
	char p[64];
	unsigned int i;

	st_close(&t);
	store_default_limits(&limits);
	limits.max_nodes_per_domain = 20;
	st_open(&t, &limits);
	d0 = st_conn(&t, 0);
	d5 = st_conn(&t, 5);
	ck_assert_ptr_null(st_write(d0, 0, "/known", "value"));
	ck_assert_ptr_null(st_mkdir(d0, 0, "/local/domain/5"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5", "n5"));	/* counts: 1 */
	/* Creating a/b/c makes three nodes, all charged. */
	ck_assert_ptr_null(st_write(d5, 0, "a/b/c", ""));			/* 4 */
	for (i = 0; i < 16; i++) {
		snprintf(p, sizeof(p), "n%u", i);
		ck_assert_ptr_null(st_write(d5, 0, p, ""));			/* 20 */
	}
	ck_assert_str_eq(st_write(d5, 0, "one-more", ""), "EQUOTA");
	ck_assert_str_eq(st_write(d5, 0, "x/y", ""), "EQUOTA");
	ck_assert_str_eq(st_read(d5, 0, "x", NULL), "ENOENT");	/* nothing half-made */
	ck_assert_ptr_null(st_write(d5, 0, "n0", "rewrite is fine"));
	ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/by-dom0", ""));	/* dom0: exempt */
	/* In a transaction the quota holds too. */
	{
		uint32_t tx;

		ck_assert_ptr_null(st_rm(d0, 0, "/local/domain/5/by-dom0"));
		ck_assert_ptr_null(st_tx_start(d5, &tx));
		ck_assert_str_eq(st_write(d5, tx, "t1", ""), "EQUOTA");
		ck_assert_ptr_null(st_tx_end(d5, tx, false));
	}
	/* Removing frees quota; the counts survive a restart. */
	ck_assert_ptr_null(st_rm(d5, 0, "a"));					/* 17 */
	st_reopen(&t);
	d5 = st_conn(&t, 5);
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "m%u", i);
		ck_assert_ptr_null(st_write(d5, 0, p, ""));
	}
	ck_assert_str_eq(st_write(d5, 0, "m3", ""), "EQUOTA");
}
END_TEST

Suite *store_input_suite(void)
{
	Suite *s = suite_create("store_input");
	TCase *tc = tcase_create("input");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, unknown_types_are_enosys);
	tcase_add_test(tc, malformed_payloads_are_einval);
	tcase_add_test(tc, oversized_length_closes);
	tcase_add_test(tc, split_and_packed_input);
	tcase_add_test(tc, random_messages);
	tcase_add_test(tc, never_reading_watcher_is_bounded);
	tcase_add_test(tc, never_reading_requester_is_bounded);
	tcase_add_test(tc, value_size_quota);
	tcase_add_test(tc, node_quota);
	suite_add_tcase(s, tc);
	return s;
}
