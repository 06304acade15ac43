/* SPDX-License-Identifier: MIT */
/*
 * Store core: permissions with Xen's meaning. The first entry names the
 * owner and gives every unlisted domain its rights; n/r/w/b per domain;
 * the owner and dom0 have every right. A refused node is EACCES; a missing
 * one is ENOENT only to a domain with the right on its nearest existing
 * ancestor. New nodes copy their parent's entries, and a domain other than
 * dom0 owns what it creates. Only the owner (or dom0) changes entries, and
 * only dom0 changes the owner.
 */
#include "unit.h"
#include "store_harness.h"

static struct st t;
static struct store_conn *d0, *d5, *d6, *d7;

static void setup(void)
{
	st_open(&t, NULL);
	d0 = st_conn(&t, 0);
	d5 = st_conn(&t, 5);
	d6 = st_conn(&t, 6);
	d7 = st_conn(&t, 7);
	/* A home for domain 5, as the toolstack makes it. */
	ck_assert_ptr_null(st_mkdir(d0, 0, "/local/domain/5"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5", "n5"));
}

static void teardown(void)
{
	st_close(&t);
}

START_TEST(dom0_only_by_default)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(d0, 0, "/secret", "s"));
	ck_assert_str_eq(st_read(d5, 0, "/secret", NULL), "EACCES");
	ck_assert_str_eq(st_write(d5, 0, "/secret", "x"), "EACCES");
	ck_assert_str_eq(st_dir(d5, 0, "/", buf), "EACCES");
	ck_assert_str_eq(st_get_perms(d5, 0, "/secret", buf), "EACCES");
	ck_assert_str_eq(st_rm(d5, 0, "/secret"), "EACCES");
	/* Missing below an unreadable node: EACCES, not ENOENT. */
	ck_assert_str_eq(st_read(d5, 0, "/secret/none", NULL), "EACCES");
	ck_assert_str_eq(st_read(d5, 0, "/none/at/all", NULL), "EACCES");
	ck_assert_str_eq(st_write(d5, 0, "/new", "x"), "EACCES");
	ck_assert_str_eq(st_read(d0, 0, "/new", NULL), "ENOENT");
	ck_assert_ptr_null(st_read(d0, 0, "/secret", buf));
	ck_assert_str_eq(buf, "s");
}
END_TEST

START_TEST(owner_has_every_right)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(d5, 0, "/local/domain/5/a/b", "v"));
	ck_assert_ptr_null(st_read(d5, 0, "/local/domain/5/a/b", buf));
	ck_assert_str_eq(buf, "v");
	/* What domain 5 creates it owns, keeping its parent's other entries. */
	ck_assert_ptr_null(st_get_perms(d5, 0, "/local/domain/5/a", buf));
	ck_assert_str_eq(buf, "n5");
	ck_assert_str_eq(st_read(d5, 0, "/local/domain/5/none", NULL), "ENOENT");
	ck_assert_ptr_null(st_rm(d5, 0, "/local/domain/5/a"));
	/* Others see nothing, not even what is missing. */
	ck_assert_str_eq(st_read(d6, 0, "/local/domain/5/none", NULL), "EACCES");
	ck_assert_str_eq(st_read(d6, 0, "/local/domain/5", NULL), "EACCES");
}
END_TEST

START_TEST(dom0_creates_with_inherited_owner)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5", "n5,r6"));
	ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/device/vif", "x"));
	ck_assert_ptr_null(st_get_perms(d0, 0, "/local/domain/5/device", buf));
	ck_assert_str_eq(buf, "n5,r6");
	ck_assert_ptr_null(st_get_perms(d0, 0, "/local/domain/5/device/vif", buf));
	ck_assert_str_eq(buf, "n5,r6");
	/* Domain 6 creating under a node it may write: it owns the new node. */
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5/device", "n5,b6"));
	ck_assert_ptr_null(st_write(d6, 0, "/local/domain/5/device/vbd/1", "y"));
	ck_assert_ptr_null(st_get_perms(d0, 0, "/local/domain/5/device/vbd/1", buf));
	ck_assert_str_eq(buf, "n6,b6");
}
END_TEST

struct rights_case {
	const char *perms;
	unsigned int domid;
	bool can_read, can_write;
};

START_TEST(letters_per_domain)
{
	static const struct rights_case cases[] = {
		{ "n5,r6", 6, true, false },
		{ "n5,w6", 6, false, true },
		{ "n5,b6", 6, true, true },
		{ "n5,n6", 6, false, false },
		{ "r5,n6", 6, false, false },	/* a listed domain does not get the default */
		{ "r5,n6", 7, true, false },	/* an unlisted one does */
		{ "w5", 7, false, true },
		{ "b5", 7, true, true },
		{ "n5,b6", 7, false, false },
		{ "n7", 7, true, true },		/* the owner, whatever the letter */
		{ "n5,r6,w6", 6, true, false },	/* the first entry for a domain counts */
	};
	struct store_conn *by_domid[8] = { [6] = d6, [7] = d7 };
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rights_case *c = &cases[i];
		struct store_conn *who = by_domid[c->domid];
		const char *rd, *wr;

		ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/node", "value"));
		ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5/node", c->perms));
		rd = st_read(who, 0, "/local/domain/5/node", buf);
		wr = st_write(who, 0, "/local/domain/5/node", "new");
		ck_assert_msg(c->can_read ? rd == NULL : (rd && strcmp(rd, "EACCES") == 0),
			      "%s, dom%u read: %s", c->perms, c->domid, rd ? rd : "OK");
		ck_assert_msg(c->can_write ? wr == NULL : (wr && strcmp(wr, "EACCES") == 0),
			      "%s, dom%u write: %s", c->perms, c->domid, wr ? wr : "OK");
		ck_assert_ptr_null(st_read(d0, 0, "/local/domain/5/node", buf));
		ck_assert_str_eq(buf, c->can_write ? "new" : "value");
	}
}
END_TEST

START_TEST(dom0_is_exempt)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(d5, 0, "/local/domain/5/mine", "5"));
	ck_assert_ptr_null(st_set_perms(d5, 0, "/local/domain/5/mine", "n5"));
	ck_assert_ptr_null(st_read(d0, 0, "/local/domain/5/mine", buf));
	ck_assert_ptr_null(st_write(d0, 0, "/local/domain/5/mine", "0"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5/mine", "n9"));
	ck_assert_ptr_null(st_get_perms(d0, 0, "/local/domain/5/mine", buf));
	ck_assert_str_eq(buf, "n9");
	ck_assert_ptr_null(st_rm(d0, 0, "/local/domain/5/mine"));
}
END_TEST

START_TEST(set_perms_rules)
{
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(d5, 0, "/local/domain/5/p", ""));
	ck_assert_ptr_null(st_set_perms(d5, 0, "/local/domain/5/p", "n5,b6"));
	/* Domain 6 may write the node but does not own it. */
	ck_assert_ptr_null(st_write(d6, 0, "/local/domain/5/p", "w"));
	ck_assert_str_eq(st_set_perms(d6, 0, "/local/domain/5/p", "b6"), "EACCES");
	/* The owner may not give the node away. */
	ck_assert_str_eq(st_set_perms(d5, 0, "/local/domain/5/p", "n6"), "EPERM");
	ck_assert_ptr_null(st_get_perms(d5, 0, "/local/domain/5/p", buf));
	ck_assert_str_eq(buf, "n5,b6");
	ck_assert_str_eq(st_set_perms(d5, 0, "/local/domain/5/none", "n5"), "ENOENT");
	ck_assert_str_eq(st_set_perms(d6, 0, "/local/domain/5/none", "n5"), "EACCES");
}
END_TEST

START_TEST(bad_permission_text)
{
	static const char *const bad[] = { "x5", "r", "r-1", "r65536", "r5x", "", "R5", "b 5" };
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	size_t i;

	ck_assert_ptr_null(st_write(d0, 0, "/p", ""));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(st_set_perms(d0, 0, "/p", bad[i]) &&
			      strcmp(st_set_perms(d0, 0, "/p", bad[i]), "EINVAL") == 0,
			      "'%s' accepted", bad[i]);
	ck_assert_str_eq(st_call(d0, SHALE_XS_SET_PERMS, 0, NULL, "/p", NULL), "EINVAL");
	ck_assert_ptr_null(st_get_perms(d0, 0, "/p", buf));
	ck_assert_str_eq(buf, "n0");
	ck_assert_ptr_null(st_set_perms(d0, 0, "/p", "r65535,w0,b1,n2"));
	ck_assert_ptr_null(st_get_perms(d0, 0, "/p", buf));
	ck_assert_str_eq(buf, "r65535,w0,b1,n2");
}
END_TEST

START_TEST(privileged_requests)
{
	ck_assert_str_eq(st_call(d5, SHALE_XS_INTRODUCE, 0, NULL, "9", "100", "3", NULL), "EACCES");
	ck_assert_str_eq(st_call(d5, SHALE_XS_RELEASE, 0, NULL, "9", NULL), "EACCES");
	ck_assert_uint_eq(t.nintroduced, 0);
}
END_TEST

Suite *store_perms_suite(void)
{
	Suite *s = suite_create("store_perms");
	TCase *tc = tcase_create("perms");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, dom0_only_by_default);
	tcase_add_test(tc, owner_has_every_right);
	tcase_add_test(tc, dom0_creates_with_inherited_owner);
	tcase_add_test(tc, letters_per_domain);
	tcase_add_test(tc, dom0_is_exempt);
	tcase_add_test(tc, set_perms_rules);
	tcase_add_test(tc, bad_permission_text);
	tcase_add_test(tc, privileged_requests);
	suite_add_tcase(s, tc);
	return s;
}
