/* SPDX-License-Identifier: MIT */
/*
 * Store core: watches. OK first, then the initial event; a change fires
 * watches on the node and its ancestors (not on look-alike prefixes);
 * removing a subtree fires the watches set on nodes inside it; relative
 * watches get relative paths; a domain only hears of nodes it may read;
 * unwatch, duplicates, RESET_WATCHES and the per-connection limit; and
 * @introduceDomain/@releaseDomain with the host hooks.
 */
#include <errno.h>
#include <stdio.h>
#include "unit.h"
#include "store_harness.h"

static struct st t;
static struct store_conn *d0, *w;
static char path[SHALE_XS_PAYLOAD_MAX], token[SHALE_XS_PAYLOAD_MAX];

static void setup(void)
{
	st_open(&t, NULL);
	d0 = st_conn(&t, 0);
	w = st_conn(&t, 0);
}

static void teardown(void)
{
	st_close(&t);
}

/* The next event of c is (p, tok). */
static void expect_event(struct store_conn *c, const char *p, const char *tok)
{
	ck_assert_msg(st_event(c, path, token), "no event, wanted %s", p);
	ck_assert_str_eq(path, p);
	ck_assert_str_eq(token, tok);
}

START_TEST(reply_then_initial_event)
{
	static const char req[] = "/not/there\0tok-1";
	uint8_t buf[64];
	struct st_msg m;

	/* Raw bytes, to see the order on the wire. */
	ck_assert_int_eq(st_feed(w, buf, st_encode(buf, SHALE_XS_WATCH, 77, 0, req, sizeof(req))), 0);
	ck_assert(st_recv(w, &m));
	ck_assert_uint_eq(m.type, SHALE_XS_WATCH);
	ck_assert_uint_eq(m.req_id, 77);
	ck_assert_str_eq(m.payload, "OK");
	ck_assert(st_recv(w, &m));
	ck_assert_uint_eq(m.type, SHALE_XS_WATCH_EVENT);
	ck_assert_uint_eq(m.req_id, 0);
	ck_assert_uint_eq(m.len, sizeof(req));
	ck_assert_mem_eq(m.payload, req, sizeof(req));
	ck_assert(!st_recv(w, &m));
}
END_TEST

START_TEST(node_and_subtree)
{
	ck_assert_ptr_null(st_watch(w, "/a", "A"));
	ck_assert_ptr_null(st_watch(w, "/a/b/c", "C"));
	ck_assert_uint_eq(st_drain_events(w), 2);
	ck_assert_ptr_null(st_write(d0, 0, "/a/b/c/d", "1"));
	/* Order follows the watch list; compare as a set of two. */
	ck_assert(st_event(w, path, token));
	ck_assert_str_eq(path, "/a/b/c/d");
	ck_assert(st_event(w, path, token));
	ck_assert_str_eq(path, "/a/b/c/d");
	ck_assert(!st_event(w, path, token));
	ck_assert_ptr_null(st_write(d0, 0, "/ab", "not under /a"));
	ck_assert_ptr_null(st_write(d0, 0, "/a/b/x", "1"));
	expect_event(w, "/a/b/x", "A");
	ck_assert(!st_event(w, path, token));
	ck_assert_ptr_null(st_mkdir(d0, 0, "/a/b/x"));	/* exists: no change, no event */
	ck_assert(!st_event(w, path, token));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/a", "n0,r3"));
	expect_event(w, "/a", "A");
}
END_TEST

START_TEST(remove_fires_inside_watches)
{
	ck_assert_ptr_null(st_write(d0, 0, "/r/s/t", "1"));
	ck_assert_ptr_null(st_watch(w, "/r/s/t", "T"));
	ck_assert_ptr_null(st_watch(w, "/r/s/none", "N"));
	ck_assert_ptr_null(st_watch(w, "/", "ROOT"));
	ck_assert_uint_eq(st_drain_events(w), 3);
	ck_assert_ptr_null(st_rm(d0, 0, "/r"));
	expect_event(w, "/r", "ROOT");
	expect_event(w, "/r/s/t", "T");
	ck_assert(!st_event(w, path, token));	/* /r/s/none never existed */
	ck_assert_ptr_null(st_rm(d0, 0, "/r"));	/* missing: nothing changes */
	ck_assert(!st_event(w, path, token));
}
END_TEST

START_TEST(relative_watch)
{
	struct store_conn *d5 = st_conn(&t, 5);

	ck_assert_ptr_null(st_mkdir(d0, 0, "/local/domain/5"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5", "n5"));
	ck_assert_ptr_null(st_watch(d5, "device", "dev"));
	expect_event(d5, "device", "dev");
	ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/device/vif/0", "x"));
	expect_event(d5, "device/vif/0", "dev");
	ck_assert_ptr_null(st_watch(d5, "/local/domain/5/device", "abs"));
	expect_event(d5, "/local/domain/5/device", "abs");
	ck_assert_ptr_null(st_write(d5, 0, "device/vif/1", "y"));
	ck_assert(st_event(d5, path, token));
	ck_assert(st_event(d5, path, token));
	ck_assert(!st_event(d5, path, token));
	/* Unwatch by the path as given, resolved the same way. */
	ck_assert_ptr_null(st_unwatch(d5, "device", "dev"));
	ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/device/vif/2", "z"));
	expect_event(d5, "/local/domain/5/device/vif/2", "abs");
}
END_TEST

START_TEST(events_need_read_rights)
{
	struct store_conn *d5 = st_conn(&t, 5);

	ck_assert_ptr_null(st_watch(d5, "/", "all"));
	ck_assert_uint_eq(st_drain_events(d5), 1);
	ck_assert_ptr_null(st_write(d0, 0, "/private", "p"));
	ck_assert(!st_event(d5, path, token));
	ck_assert_ptr_null(st_write(d0, 0, "/public", "p"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/public", "n0,r5"));
	expect_event(d5, "/public", "all");
	ck_assert_ptr_null(st_write(d0, 0, "/public", "q"));
	expect_event(d5, "/public", "all");
	/* dom0 connections hear everything. */
	ck_assert_ptr_null(st_watch(w, "/", "w"));
	ck_assert_uint_eq(st_drain_events(w), 1);
	ck_assert_ptr_null(st_write(d0, 0, "/private", "again"));
	expect_event(w, "/private", "w");
	ck_assert(!st_event(d5, path, token));
}
END_TEST

START_TEST(unwatch_and_limits)
{
	struct store_conn *d5 = st_conn(&t, 5);
	char p[32];
	unsigned int i;

	ck_assert_ptr_null(st_watch(w, "/u", "1"));
	ck_assert_str_eq(st_watch(w, "/u", "1"), "EEXIST");
	ck_assert_ptr_null(st_watch(w, "/u", "2"));	/* same path, other token */
	ck_assert_uint_eq(st_drain_events(w), 2);
	ck_assert_ptr_null(st_unwatch(w, "/u", "1"));
	ck_assert_str_eq(st_unwatch(w, "/u", "1"), "ENOENT");
	ck_assert_ptr_null(st_write(d0, 0, "/u", ""));
	expect_event(w, "/u", "2");
	ck_assert(!st_event(w, path, token));
	ck_assert_str_eq(st_watch(w, "/bad/", "x"), "EINVAL");
	ck_assert_str_eq(st_watch(w, "@", "x"), "EINVAL");
	ck_assert_str_eq(st_call(w, SHALE_XS_WATCH, 0, NULL, "/u", NULL), "EINVAL");
	ck_assert_str_eq(st_call(w, SHALE_XS_WATCH, 0, NULL, "/u", "t", "extra", NULL), "EINVAL");
	/* RESET_WATCHES drops them all. */
	ck_assert_ptr_null(st_call(w, SHALE_XS_RESET_WATCHES, 0, NULL, "", NULL));
	ck_assert_ptr_null(st_write(d0, 0, "/u", "again"));
	ck_assert(!st_event(w, path, token));
	/* 128 watches for a domain other than dom0. */
	for (i = 0; i < 128; i++) {
		snprintf(p, sizeof(p), "/w%u", i);
		ck_assert_ptr_null(st_watch(d5, p, "t"));
	}
	ck_assert_str_eq(st_watch(d5, "/w128", "t"), "EQUOTA");
	ck_assert_ptr_null(st_unwatch(d5, "/w0", "t"));
	ck_assert_ptr_null(st_watch(d5, "/w128", "t"));
	for (i = 0; i < 200; i++) {
		snprintf(p, sizeof(p), "/w%u", i);
		ck_assert_ptr_null(st_watch(d0, p, "t"));
	}
}
END_TEST

START_TEST(introduce_and_release)
{
	struct store_conn *d5 = st_conn(&t, 5), *ring;
	struct st_msg m;

	ck_assert_ptr_null(st_watch(w, "@introduceDomain", "in"));
	ck_assert_ptr_null(st_watch(w, "@releaseDomain", "out"));
	ck_assert_ptr_null(st_watch(d5, "@introduceDomain", "d5"));
	ck_assert_uint_eq(st_drain_events(w), 2);
	ck_assert_uint_eq(st_drain_events(d5), 1);
	ck_assert_ptr_null(st_call(d0, SHALE_XS_INTRODUCE, 0, NULL, "9", "4660", "7", NULL));
	ck_assert_uint_eq(t.nintroduced, 1);
	ck_assert_uint_eq(t.introduced[0], 9);
	expect_event(w, "@introduceDomain", "in");
	ck_assert(!st_event(w, path, token));
	ck_assert(!st_event(d5, path, token));	/* about all domains: dom0 only */
	ring = store_conn_for_domain(t.store, 9);
	ck_assert_ptr_eq(ring, t.ring[0]);
	ck_assert_uint_eq(store_conn_domid(ring), 9);
	ck_assert_ptr_null(st_call(d0, SHALE_XS_IS_DOMAIN_INTRODUCED, 0, &m, "9", NULL));
	ck_assert_str_eq(m.payload, "T");
	ck_assert_str_eq(st_call(d0, SHALE_XS_INTRODUCE, 0, NULL, "9", "1", "1", NULL), "EEXIST");
	ck_assert_str_eq(st_call(d0, SHALE_XS_INTRODUCE, 0, NULL, "0", "1", "1", NULL), "EINVAL");
	ck_assert_str_eq(st_call(d0, SHALE_XS_INTRODUCE, 0, NULL, "8", "x", "1", NULL), "EINVAL");
	ck_assert_str_eq(st_call(d0, SHALE_XS_INTRODUCE, 0, NULL, "8", "1", NULL), "EINVAL");
	/* The domain's own connection works, with a watch that release must drop. */
	ck_assert_ptr_null(st_watch(ring, "@nothing", "x"));
	ck_assert_ptr_null(st_call(d0, SHALE_XS_RELEASE, 0, NULL, "9", NULL));
	ck_assert_uint_eq(t.nreleased, 1);
	ck_assert_uint_eq(t.released[0], 9);
	ck_assert_ptr_null(t.ring[0]);
	ck_assert_ptr_null(store_conn_for_domain(t.store, 9));
	expect_event(w, "@releaseDomain", "out");
	ck_assert_ptr_null(st_call(d0, SHALE_XS_IS_DOMAIN_INTRODUCED, 0, &m, "9", NULL));
	ck_assert_str_eq(m.payload, "F");
	ck_assert_str_eq(st_call(d0, SHALE_XS_RELEASE, 0, NULL, "9", NULL), "ENOENT");
	ck_assert(!st_event(w, path, token));
}
END_TEST

START_TEST(introduce_refused_by_host)
{
	t.introduce_result = EBUSY;
	ck_assert_ptr_null(st_watch(w, "@introduceDomain", "in"));
	ck_assert_uint_eq(st_drain_events(w), 1);
	ck_assert_str_eq(st_call(d0, SHALE_XS_INTRODUCE, 0, NULL, "4", "1", "2", NULL), "EBUSY");
	ck_assert(!st_event(w, path, token));
	ck_assert_ptr_null(store_conn_for_domain(t.store, 4));
}
END_TEST

Suite *store_watch_suite(void)
{
	Suite *s = suite_create("store_watch");
	TCase *tc = tcase_create("watch");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, reply_then_initial_event);
	tcase_add_test(tc, node_and_subtree);
	tcase_add_test(tc, remove_fires_inside_watches);
	tcase_add_test(tc, relative_watch);
	tcase_add_test(tc, events_need_read_rights);
	tcase_add_test(tc, unwatch_and_limits);
	tcase_add_test(tc, introduce_and_release);
	tcase_add_test(tc, introduce_refused_by_host);
	suite_add_tcase(s, tc);
	return s;
}
