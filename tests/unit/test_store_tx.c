/* SPDX-License-Identifier: MIT */
/*
 * Store core: transactions. Changes stay private until commit and then
 * land at once; a transaction reads a snapshot taken at its start; a
 * transaction whose reads were changed by another commit ends with EAGAIN
 * and changes nothing; "F" drops it; its id works only on its own
 * connection and only once; domains other than dom0 get at most ten.
 */
#include <stdio.h>
#include "unit.h"
#include "store_harness.h"

static struct st t;
static struct store_conn *a, *b;

static void setup(void)
{
	st_open(&t, NULL);
	a = st_conn(&t, 0);
	b = st_conn(&t, 0);
	ck_assert_ptr_null(st_write(a, 0, "/x", "x0"));
	ck_assert_ptr_null(st_write(a, 0, "/y", "y0"));
}

static void teardown(void)
{
	st_close(&t);
}

START_TEST(commit_publishes_at_once)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t tx;

	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_write(a, tx, "/x", "x1"));
	ck_assert_ptr_null(st_write(a, tx, "/new/deep", "n"));
	ck_assert_ptr_null(st_rm(a, tx, "/y"));
	/* Inside: its own changes. Outside: nothing yet. */
	ck_assert_ptr_null(st_read(a, tx, "/x", buf));
	ck_assert_str_eq(buf, "x1");
	ck_assert_str_eq(st_read(a, tx, "/y", NULL), "ENOENT");
	ck_assert_ptr_null(st_dir(a, tx, "/", buf));
	ck_assert_str_eq(buf, "local,tool,x,new");
	ck_assert_ptr_null(st_read(b, 0, "/x", buf));
	ck_assert_str_eq(buf, "x0");
	ck_assert_str_eq(st_read(b, 0, "/new/deep", NULL), "ENOENT");
	ck_assert_ptr_null(st_read(b, 0, "/y", buf));
	ck_assert_ptr_null(st_tx_end(a, tx, true));
	ck_assert_ptr_null(st_read(b, 0, "/x", buf));
	ck_assert_str_eq(buf, "x1");
	ck_assert_ptr_null(st_read(b, 0, "/new/deep", buf));
	ck_assert_str_eq(buf, "n");
	ck_assert_str_eq(st_read(b, 0, "/y", NULL), "ENOENT");
}
END_TEST

START_TEST(reads_a_snapshot)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t tx;

	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_write(b, 0, "/x", "changed"));
	ck_assert_ptr_null(st_write(b, 0, "/z", "added"));
	ck_assert_ptr_null(st_read(a, tx, "/x", buf));
	ck_assert_str_eq(buf, "x0");
	ck_assert_str_eq(st_read(a, tx, "/z", NULL), "ENOENT");
	/* Reading alone never conflicts: the snapshot is consistent. */
	ck_assert_ptr_null(st_tx_end(a, tx, true));
}
END_TEST

START_TEST(conflict_is_eagain)
{
	struct store_stats st;
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t tx;

	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_read(a, tx, "/x", buf));
	ck_assert_ptr_null(st_write(a, tx, "/y", "from-tx"));
	ck_assert_ptr_null(st_write(b, 0, "/x", "other"));
	ck_assert_str_eq(st_tx_end(a, tx, true), "EAGAIN");
	ck_assert_ptr_null(st_read(b, 0, "/y", buf));
	ck_assert_str_eq(buf, "y0");
	store_get_stats(t.store, &st);
	ck_assert_uint_eq(st.conflicts, 1);
	/* The transaction is gone after EAGAIN. */
	ck_assert_str_eq(st_tx_end(a, tx, true), "ENOENT");
}
END_TEST

START_TEST(conflict_on_a_listing)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t tx;

	/* The transaction decides from a listing that another commit changes. */
	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_dir(a, tx, "/", buf));
	ck_assert_ptr_null(st_write(a, tx, "/count", "5"));
	ck_assert_ptr_null(st_write(b, 0, "/sibling", ""));
	ck_assert_str_eq(st_tx_end(a, tx, true), "EAGAIN");
	ck_assert_str_eq(st_read(b, 0, "/count", NULL), "ENOENT");
}
END_TEST

START_TEST(disjoint_transactions_both_commit)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t t1, t2;

	ck_assert_ptr_null(st_write(a, 0, "/p/x", ""));
	ck_assert_ptr_null(st_write(a, 0, "/q/y", ""));
	ck_assert_ptr_null(st_tx_start(a, &t1));
	ck_assert_ptr_null(st_tx_start(b, &t2));
	ck_assert_ptr_null(st_write(a, t1, "/p/x", "1"));
	ck_assert_ptr_null(st_write(b, t2, "/q/y", "2"));
	ck_assert_ptr_null(st_tx_end(a, t1, true));
	ck_assert_ptr_null(st_tx_end(b, t2, true));
	ck_assert_ptr_null(st_read(a, 0, "/p/x", buf));
	ck_assert_str_eq(buf, "1");
	ck_assert_ptr_null(st_read(a, 0, "/q/y", buf));
	ck_assert_str_eq(buf, "2");
}
END_TEST

START_TEST(abort_drops_changes)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t tx;

	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_write(a, tx, "/x", "never"));
	ck_assert_ptr_null(st_tx_end(a, tx, false));
	ck_assert_ptr_null(st_read(a, 0, "/x", buf));
	ck_assert_str_eq(buf, "x0");
	ck_assert_str_eq(st_read(a, tx, "/x", NULL), "ENOENT");
}
END_TEST

START_TEST(ids_belong_to_their_connection)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	uint32_t tx;

	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_str_eq(st_read(b, tx, "/x", NULL), "ENOENT");
	ck_assert_str_eq(st_write(b, tx, "/x", "b"), "ENOENT");
	ck_assert_str_eq(st_tx_end(b, tx, true), "ENOENT");
	ck_assert_str_eq(st_read(a, tx + 1000, "/x", NULL), "ENOENT");
	ck_assert_str_eq(st_tx_end(a, 0, true), "ENOENT");
	ck_assert_str_eq(st_call(a, SHALE_XS_TRANSACTION_END, tx, NULL, "X", NULL), "EINVAL");
	ck_assert_ptr_null(st_write(a, tx, "/x", "a"));
	ck_assert_ptr_null(st_tx_end(a, tx, true));
	ck_assert_str_eq(st_tx_end(a, tx, true), "ENOENT");
	ck_assert_ptr_null(st_read(b, 0, "/x", buf));
	ck_assert_str_eq(buf, "a");
}
END_TEST

START_TEST(transactions_per_connection)
{
	struct store_conn *d5 = st_conn(&t, 5), *d0 = st_conn(&t, 0);
	uint32_t ids[20];
	unsigned int i;

	for (i = 0; i < 10; i++)
		ck_assert_ptr_null(st_tx_start(d5, &ids[i]));
	ck_assert_str_eq(st_tx_start(d5, &ids[10]), "EQUOTA");
	ck_assert_ptr_null(st_tx_end(d5, ids[3], false));
	ck_assert_ptr_null(st_tx_start(d5, &ids[10]));
	for (i = 0; i < 20; i++)
		ck_assert_ptr_null(st_tx_start(d0, &ids[i]));
	/* Closing a connection with open transactions frees them (ASan checks). */
	store_conn_free(d5);
}
END_TEST

START_TEST(events_wait_for_commit)
{
	char path[SHALE_XS_PAYLOAD_MAX], token[SHALE_XS_PAYLOAD_MAX];
	uint32_t tx;

	ck_assert_ptr_null(st_watch(b, "/x", "tok"));
	ck_assert_uint_eq(st_drain_events(b), 1);
	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_write(a, tx, "/x", "in-tx"));
	ck_assert(!st_event(b, path, token));
	ck_assert_ptr_null(st_tx_end(a, tx, true));
	ck_assert(st_event(b, path, token));
	ck_assert_str_eq(path, "/x");
	ck_assert_str_eq(token, "tok");
	ck_assert(!st_event(b, path, token));
	/* Aborted: no event. */
	ck_assert_ptr_null(st_tx_start(a, &tx));
	ck_assert_ptr_null(st_write(a, tx, "/x", "dropped"));
	ck_assert_ptr_null(st_tx_end(a, tx, false));
	ck_assert(!st_event(b, path, token));
}
END_TEST

Suite *store_tx_suite(void)
{
	Suite *s = suite_create("store_tx");
	TCase *tc = tcase_create("tx");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, commit_publishes_at_once);
	tcase_add_test(tc, reads_a_snapshot);
	tcase_add_test(tc, conflict_is_eagain);
	tcase_add_test(tc, conflict_on_a_listing);
	tcase_add_test(tc, disjoint_transactions_both_commit);
	tcase_add_test(tc, abort_drops_changes);
	tcase_add_test(tc, ids_belong_to_their_connection);
	tcase_add_test(tc, transactions_per_connection);
	tcase_add_test(tc, events_wait_for_commit);
	suite_add_tcase(s, tc);
	return s;
}
