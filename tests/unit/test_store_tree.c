/* SPDX-License-Identifier: MIT */
/*
 * Store core: paths and the tree. The base nodes, write/read of text and
 * binary values, parents made on write, relative paths, every path rule
 * (characters, slashes, the 2048 limit counted after /local/domain/N/),
 * paths longer than an LMDB key, rm of subtrees and of missing nodes,
 * mkdir, DIRECTORY past one message (E2BIG) paged with DIRECTORY_PART,
 * and the store surviving store_close()/store_open().
 */
#include <stdio.h>
#include "unit.h"
#include "store_harness.h"

static struct st t;

static void setup(void)
{
	st_open(&t, NULL);
}

static void teardown(void)
{
	st_close(&t);
}

START_TEST(base_nodes)
{
	struct store_conn *c = st_conn(&t, 0);
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_dir(c, 0, "/", buf));
	ck_assert_str_eq(buf, "local,tool");
	ck_assert_ptr_null(st_dir(c, 0, "/local", buf));
	ck_assert_str_eq(buf, "domain");
	ck_assert_ptr_null(st_get_perms(c, 0, "/", buf));
	ck_assert_str_eq(buf, "n0");
	ck_assert_ptr_null(st_get_perms(c, 0, "/local/domain", buf));
	ck_assert_str_eq(buf, "n0");
}
END_TEST

START_TEST(write_read_and_parents)
{
	struct store_conn *c = st_conn(&t, 0);
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(c, 0, "/a/b/c", "hello"));
	ck_assert_ptr_null(st_read(c, 0, "/a/b/c", buf));
	ck_assert_str_eq(buf, "hello");
	ck_assert_ptr_null(st_read(c, 0, "/a/b", buf));
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_null(st_write(c, 0, "/a/b/d", "2"));
	ck_assert_ptr_null(st_write(c, 0, "/a/b/a", "3"));
	ck_assert_ptr_null(st_dir(c, 0, "/a/b", buf));
	ck_assert_str_eq(buf, "c,d,a");	/* creation order */
	ck_assert_ptr_null(st_write(c, 0, "/a/b/c", ""));
	ck_assert_ptr_null(st_read(c, 0, "/a/b/c", buf));
	ck_assert_str_eq(buf, "");
	ck_assert_str_eq(st_read(c, 0, "/a/x", NULL), "ENOENT");
	ck_assert_str_eq(st_dir(c, 0, "/nope", buf), "ENOENT");
}
END_TEST

START_TEST(binary_value)
{
	static const char payload[] = "/bin\0a\0b\xff";
	struct store_conn *c = st_conn(&t, 0);
	struct st_msg m;

	st_request(c, SHALE_XS_WRITE, 0, payload, sizeof(payload) - 1, &m);
	ck_assert_ptr_null(st_error(&m));
	st_call(c, SHALE_XS_READ, 0, &m, "/bin", NULL);
	ck_assert_uint_eq(m.len, 4);
	ck_assert_mem_eq(m.payload, "a\0b\xff", 4);
}
END_TEST

START_TEST(relative_paths)
{
	struct store_conn *d0 = st_conn(&t, 0), *d5 = st_conn(&t, 5);
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(d0, 0, "name", "dom0"));
	ck_assert_ptr_null(st_read(d0, 0, "/local/domain/0/name", buf));
	ck_assert_str_eq(buf, "dom0");
	ck_assert_ptr_null(st_mkdir(d0, 0, "/local/domain/5"));
	ck_assert_ptr_null(st_set_perms(d0, 0, "/local/domain/5", "n5"));
	ck_assert_ptr_null(st_write(d5, 0, "data/x", "five"));
	ck_assert_ptr_null(st_read(d0, 0, "/local/domain/5/data/x", buf));
	ck_assert_str_eq(buf, "five");
	ck_assert_ptr_null(st_read(d5, 0, "data/x", buf));
	ck_assert_str_eq(buf, "five");
	ck_assert_str_eq(st_read(d5, 0, "", NULL), "EINVAL");
}
END_TEST

/* A path of exactly len characters: prefix, then 'a's with a slash every 100. */
static char *long_path(const char *prefix, size_t len)
{
	char *p = malloc(len + 1);
	size_t i, plen = strlen(prefix);

	ck_assert_ptr_nonnull(p);
	memcpy(p, prefix, plen);
	for (i = plen; i < len; i++)
		p[i] = (i % 100 == 0 && i + 1 < len && p[i - 1] != '/') ? '/' : 'a';
	p[len] = '\0';
	return p;
}

START_TEST(path_rules)
{
	static const char *const bad[] = {
		"/a/", "//a", "/a//b", "/a b", "/a.b", "/a\tb", "/é", "/a/./b", "-a/..",
	};
	struct store_conn *c = st_conn(&t, 0);
	char *p;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(st_write(c, 0, bad[i], "x") != NULL, "%s accepted", bad[i]);
		ck_assert_str_eq(st_write(c, 0, bad[i], "x"), "EINVAL");
		ck_assert_str_eq(st_read(c, 0, bad[i], NULL), "EINVAL");
	}
	ck_assert_ptr_null(st_write(c, 0, "/ok-_@Z9/x", "1"));
	p = long_path("/", 2048);
	ck_assert_ptr_null(st_write(c, 0, p, "max"));
	free(p);
	p = long_path("/", 2049);
	ck_assert_str_eq(st_write(c, 0, p, "x"), "EINVAL");
	free(p);
	/* Under a domain's home, the limit counts after "/local/domain/N/". */
	p = long_path("/local/domain/12/", 17 + 2048);
	ck_assert_ptr_null(st_write(c, 0, p, "max"));
	free(p);
	p = long_path("/local/domain/12/", 17 + 2049);
	ck_assert_str_eq(st_write(c, 0, p, "x"), "EINVAL");
	free(p);
}
END_TEST

START_TEST(paths_longer_than_a_key)
{
	struct store_conn *c = st_conn(&t, 0);
	char buf[SHALE_XS_PAYLOAD_MAX + 1];
	char *base = long_path("/long/", 900), path[1000];
	unsigned int i;

	/* Many long paths share the first 440 bytes of their key. */
	for (i = 0; i < 20; i++) {
		snprintf(path, sizeof(path), "%s/n%u", base, i);
		snprintf(buf, sizeof(buf), "v%u", i);
		ck_assert_ptr_null(st_write(c, 0, path, buf));
	}
	for (i = 0; i < 20; i++) {
		char want[16];

		snprintf(path, sizeof(path), "%s/n%u", base, i);
		snprintf(want, sizeof(want), "v%u", i);
		ck_assert_ptr_null(st_read(c, 0, path, buf));
		ck_assert_str_eq(buf, want);
	}
	ck_assert_ptr_null(st_dir(c, 0, base, buf));
	ck_assert_str_eq(buf, "n0,n1,n2,n3,n4,n5,n6,n7,n8,n9,n10,n11,n12,n13,n14,n15,n16,n17,n18,n19");
	snprintf(path, sizeof(path), "%s/n7", base);
	ck_assert_ptr_null(st_rm(c, 0, path));
	ck_assert_str_eq(st_read(c, 0, path, NULL), "ENOENT");
	snprintf(path, sizeof(path), "%s/n8", base);
	ck_assert_ptr_null(st_read(c, 0, path, buf));
	ck_assert_str_eq(buf, "v8");
	ck_assert_ptr_null(st_rm(c, 0, "/long"));
	ck_assert_str_eq(st_read(c, 0, path, NULL), "ENOENT");
	ck_assert_str_eq(st_read(c, 0, base, NULL), "ENOENT");
	free(base);
}
END_TEST

START_TEST(rm_rules)
{
	struct store_conn *c = st_conn(&t, 0);
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_write(c, 0, "/t/a/b/c", "1"));
	ck_assert_ptr_null(st_write(c, 0, "/t/a/d", "2"));
	ck_assert_ptr_null(st_write(c, 0, "/t/e", "3"));
	ck_assert_ptr_null(st_rm(c, 0, "/t/a"));
	ck_assert_str_eq(st_read(c, 0, "/t/a/b/c", NULL), "ENOENT");
	ck_assert_str_eq(st_read(c, 0, "/t/a/d", NULL), "ENOENT");
	ck_assert_str_eq(st_read(c, 0, "/t/a", NULL), "ENOENT");
	ck_assert_ptr_null(st_dir(c, 0, "/t", buf));
	ck_assert_str_eq(buf, "e");
	/* Missing node, parent there: fine. Parent missing too: ENOENT. */
	ck_assert_ptr_null(st_rm(c, 0, "/t/a"));
	ck_assert_str_eq(st_rm(c, 0, "/t/a/b"), "ENOENT");
	ck_assert_str_eq(st_rm(c, 0, "/"), "EINVAL");
	/* A re-created node starts empty: nothing of the old subtree comes back. */
	ck_assert_ptr_null(st_write(c, 0, "/t/a/new", "4"));
	ck_assert_ptr_null(st_dir(c, 0, "/t/a", buf));
	ck_assert_str_eq(buf, "new");
}
END_TEST

START_TEST(mkdir_rules)
{
	struct store_conn *c = st_conn(&t, 0);
	char buf[SHALE_XS_PAYLOAD_MAX + 1];

	ck_assert_ptr_null(st_mkdir(c, 0, "/m/n"));
	ck_assert_ptr_null(st_read(c, 0, "/m/n", buf));
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_null(st_write(c, 0, "/m/n", "kept"));
	ck_assert_ptr_null(st_mkdir(c, 0, "/m/n"));
	ck_assert_ptr_null(st_read(c, 0, "/m/n", buf));
	ck_assert_str_eq(buf, "kept");
}
END_TEST

/* Pages a listing with DIRECTORY_PART as libxenstore does; returns the chunks used. */
static unsigned int read_parts(struct store_conn *c, const char *path, char *out, size_t *outlen,
			       char *generation)
{
	struct st_msg m;
	unsigned int off = 0, parts = 0;
	char offs[16];

	for (;;) {
		size_t glen, chunk;

		snprintf(offs, sizeof(offs), "%u", off);
		ck_assert_ptr_null(st_call(c, SHALE_XS_DIRECTORY_PART, 0, &m, path, offs, NULL));
		parts++;
		glen = strlen(m.payload);
		if (off == 0)
			strcpy(generation, m.payload);
		else
			ck_assert_str_eq(m.payload, generation);
		chunk = m.len - glen - 1;
		memcpy(out + off, m.payload + glen + 1, chunk);
		off += (unsigned int)chunk;
		if (off <= 1 || out[off - 2] == '\0')
			break;
		ck_assert_uint_lt(parts, 100);
	}
	*outlen = off - 1;	/* the final extra NUL */
	return parts;
}

START_TEST(directory_part)
{
	struct store_conn *c = st_conn(&t, 0);
	static char want[16384], got[16384];
	char path[64], gen1[32], gen2[32], buf[SHALE_XS_PAYLOAD_MAX + 1];
	size_t wlen = 0, glen;
	unsigned int i;

	for (i = 0; i < 500; i++) {
		snprintf(path, sizeof(path), "/big/child-number-%u", i);
		ck_assert_ptr_null(st_write(c, 0, path, ""));
		wlen += (size_t)sprintf(want + wlen, "child-number-%u", i) + 1;
	}
	ck_assert_uint_gt(wlen, SHALE_XS_PAYLOAD_MAX);
	ck_assert_str_eq(st_dir(c, 0, "/big", buf), "E2BIG");
	ck_assert_uint_ge(read_parts(c, "/big", got, &glen, gen1), 3);
	ck_assert_uint_eq(glen, wlen);
	ck_assert_mem_eq(got, want, wlen);
	/* A change to the listing changes the generation the client checks. */
	ck_assert_ptr_null(st_write(c, 0, "/big/one-more", ""));
	read_parts(c, "/big", got, &glen, gen2);
	ck_assert_str_ne(gen1, gen2);
	ck_assert_uint_eq(glen, wlen + sizeof("one-more"));
	/* A small listing comes whole, with the end mark. */
	read_parts(c, "/local", got, &glen, gen1);
	ck_assert_uint_eq(glen, sizeof("domain"));
	ck_assert_str_eq(st_call(c, SHALE_XS_DIRECTORY_PART, 0, NULL, "/big", "3", NULL), "EINVAL");
	ck_assert_str_eq(st_call(c, SHALE_XS_DIRECTORY_PART, 0, NULL, "/big", "x", NULL), "EINVAL");
	ck_assert_str_eq(st_call(c, SHALE_XS_DIRECTORY_PART, 0, NULL, "/big", NULL), "EINVAL");
	ck_assert_str_eq(st_call(c, SHALE_XS_DIRECTORY_PART, 0, NULL, "/big", "99999", NULL),
			 "EINVAL");
}
END_TEST

START_TEST(domain_path_queries)
{
	struct store_conn *c = st_conn(&t, 3);
	struct st_msg m;

	ck_assert_ptr_null(st_call(c, SHALE_XS_GET_DOMAIN_PATH, 0, &m, "7", NULL));
	ck_assert_str_eq(m.payload, "/local/domain/7");
	ck_assert_uint_eq(m.len, sizeof("/local/domain/7"));
	ck_assert_str_eq(st_call(c, SHALE_XS_GET_DOMAIN_PATH, 0, &m, "x7", NULL), "EINVAL");
	ck_assert_str_eq(st_call(c, SHALE_XS_GET_DOMAIN_PATH, 0, &m, "99999", NULL), "EINVAL");
	ck_assert_ptr_null(st_call(c, SHALE_XS_IS_DOMAIN_INTRODUCED, 0, &m, "0", NULL));
	ck_assert_str_eq(m.payload, "T");
	ck_assert_ptr_null(st_call(c, SHALE_XS_IS_DOMAIN_INTRODUCED, 0, &m, "7", NULL));
	ck_assert_str_eq(m.payload, "F");
}
END_TEST

START_TEST(persistence)
{
	struct store_conn *c = st_conn(&t, 0);
	char buf[SHALE_XS_PAYLOAD_MAX + 1], gen1[32], gen2[32], list[64];
	size_t len;

	ck_assert_ptr_null(st_write(c, 0, "/keep/me", "across"));
	ck_assert_ptr_null(st_set_perms(c, 0, "/keep/me", "n4,r9"));
	ck_assert_ptr_null(st_write(c, 0, "/gone", "x"));
	ck_assert_ptr_null(st_rm(c, 0, "/gone"));
	read_parts(c, "/keep", list, &len, gen1);
	st_reopen(&t);
	c = st_conn(&t, 0);
	ck_assert_ptr_null(st_read(c, 0, "/keep/me", buf));
	ck_assert_str_eq(buf, "across");
	ck_assert_ptr_null(st_get_perms(c, 0, "/keep/me", buf));
	ck_assert_str_eq(buf, "n4,r9");
	ck_assert_str_eq(st_read(c, 0, "/gone", NULL), "ENOENT");
	ck_assert_ptr_null(st_dir(c, 0, "/", buf));
	ck_assert_str_eq(buf, "local,tool,keep");
	/* Generations keep growing after a restart. */
	ck_assert_ptr_null(st_write(c, 0, "/keep/more", ""));
	read_parts(c, "/keep", list, &len, gen2);
	ck_assert_uint_gt(strtoull(gen2, NULL, 10), strtoull(gen1, NULL, 10));
}
END_TEST

Suite *store_tree_suite(void)
{
	Suite *s = suite_create("store_tree");
	TCase *tc = tcase_create("tree");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, base_nodes);
	tcase_add_test(tc, write_read_and_parents);
	tcase_add_test(tc, binary_value);
	tcase_add_test(tc, relative_paths);
	tcase_add_test(tc, path_rules);
	tcase_add_test(tc, paths_longer_than_a_key);
	tcase_add_test(tc, rm_rules);
	tcase_add_test(tc, mkdir_rules);
	tcase_add_test(tc, directory_part);
	tcase_add_test(tc, domain_path_queries);
	tcase_add_test(tc, persistence);
	suite_add_tcase(s, tc);
	return s;
}
