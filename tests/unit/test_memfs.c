/* SPDX-License-Identifier: MIT */
/*
 * Tests for xenstore/dom0/posix/memfs.c, the memory file system under
 * dom0's POSIX shim: names and open flags, reads and writes with holes,
 * growth by moving, shared views that pin a file (ENOSPC past them),
 * unlink with open references and views, and running out of pages
 * without harm. The page source here is a fake with a budget that fills
 * new pages with garbage, so memfs must zero what it hands out itself.
 * Every test ends by checking that all files and pages are given back.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "memfs.h"
#include "unit.h"

#define PAGE	MEMFS_PAGE_SIZE

static unsigned long budget_pages;	/* what the fake source may still hand out */
static unsigned long outstanding_pages;

void *memfs_pages_alloc(unsigned long n)
{
	void *p;

	if (n > budget_pages)
		return NULL;
	p = aligned_alloc(PAGE, n * PAGE);
	ck_assert_ptr_nonnull(p);
	memset(p, 0xcc, n * PAGE);
	budget_pages -= n;
	outstanding_pages += n;
	return p;
}

void memfs_pages_free(void *p, unsigned long n)
{
	ck_assert_uint_le(n, outstanding_pages);
	outstanding_pages -= n;
	budget_pages += n;
	free(p);
}

static void setup(void)
{
	budget_pages = 1024;
	outstanding_pages = 0;
}

static void teardown(void)
{
	struct memfs_stats st;

	memfs_get_stats(&st);
	ck_assert_uint_eq(st.files, 0);
	ck_assert_uint_eq(st.mappings, 0);
	ck_assert_uint_eq(outstanding_pages, 0);
}

static struct memfs_file *must_open(const char *name, unsigned int flags)
{
	struct memfs_file *f = NULL;

	ck_assert_int_eq(memfs_open(name, flags, &f), 0);
	ck_assert_ptr_nonnull(f);
	return f;
}

static bool all_bytes(const unsigned char *p, size_t n, unsigned char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != c)
			return false;
	return true;
}

START_TEST(open_flags_and_names)
{
	char long_name[MEMFS_NAME_MAX + 2];
	struct memfs_file *f, *g;

	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	ck_assert_int_eq(memfs_open("a", MEMFS_READ, &f), -ENOENT);
	ck_assert_int_eq(memfs_open("", MEMFS_READ | MEMFS_CREATE, &f), -EINVAL);
	ck_assert_int_eq(memfs_open(NULL, MEMFS_READ, &f), -EINVAL);
	ck_assert_int_eq(memfs_open(long_name, MEMFS_READ | MEMFS_CREATE, &f), -ENAMETOOLONG);
	ck_assert_int_eq(memfs_open("a", MEMFS_CREATE, &f), -EINVAL);
	ck_assert_int_eq(memfs_open("a", MEMFS_READ | MEMFS_TRUNC | MEMFS_CREATE, &f), -EINVAL);
	long_name[MEMFS_NAME_MAX] = '\0';	/* exactly the longest allowed */
	g = must_open(long_name, MEMFS_WRITE | MEMFS_CREATE);
	memfs_close(g);
	ck_assert_int_eq(memfs_unlink(long_name), 0);

	f = must_open("dir/a", MEMFS_READ | MEMFS_WRITE | MEMFS_CREATE | MEMFS_EXCL);
	ck_assert_int_eq(memfs_open("dir/a", MEMFS_READ | MEMFS_CREATE | MEMFS_EXCL, &g), -EEXIST);
	g = must_open("dir/a", MEMFS_READ);
	ck_assert_ptr_eq(f, g);
	ck_assert_int_eq(memfs_open("dir", MEMFS_READ, &g), -ENOENT);
	memfs_close(g);
	memfs_close(f);
	ck_assert_int_eq(memfs_unlink("dir/a"), 0);
	ck_assert_int_eq(memfs_unlink("dir/a"), -ENOENT);
}
END_TEST

START_TEST(read_write_holes_and_truncate)
{
	struct memfs_file *f = must_open("f", MEMFS_READ | MEMFS_WRITE | MEMFS_CREATE);
	unsigned char buf[3 * PAGE];

	ck_assert_int_eq(memfs_read(f, buf, 10, 0), 0);
	ck_assert_int_eq(memfs_write(f, "hello", 5, 2 * PAGE + 1), 5);
	ck_assert_uint_eq(memfs_size(f), 2 * PAGE + 6);
	ck_assert_int_eq(memfs_read(f, buf, sizeof(buf), 0), 2 * PAGE + 6);
	ck_assert(all_bytes(buf, 2 * PAGE + 1, 0));
	ck_assert_mem_eq(buf + 2 * PAGE + 1, "hello", 5);
	ck_assert_int_eq(memfs_read(f, buf, 100, 2 * PAGE + 3), 3);
	ck_assert_int_eq(memfs_read(f, buf, 100, 2 * PAGE + 6), 0);
	ck_assert_int_eq(memfs_write(f, buf, 0, 99 * PAGE), 0);
	ck_assert_uint_eq(memfs_size(f), 2 * PAGE + 6);

	/* A cut part reads as zeros when the file grows again. */
	ck_assert_int_eq(memfs_truncate(f, 2 * PAGE + 2), 0);
	ck_assert_int_eq(memfs_truncate(f, 2 * PAGE + 6), 0);
	ck_assert_int_eq(memfs_read(f, buf, 5, 2 * PAGE + 1), 5);
	ck_assert_mem_eq(buf, "h\0\0\0\0", 5);
	ck_assert_int_eq(memfs_write(f, "x", 1, MEMFS_FILE_MAX), -EFBIG);
	ck_assert_int_eq(memfs_truncate(f, MEMFS_FILE_MAX + 1), -EFBIG);
	memfs_close(f);

	/* TRUNC empties an existing file. */
	f = must_open("f", MEMFS_WRITE | MEMFS_TRUNC);
	ck_assert_uint_eq(memfs_size(f), 0);
	memfs_close(f);
	ck_assert_int_eq(memfs_unlink("f"), 0);
}
END_TEST

START_TEST(sequential_growth_doubles)
{
	struct memfs_file *f = must_open("log", MEMFS_WRITE | MEMFS_CREATE);
	unsigned char page[PAGE];
	uint64_t off;

	memset(page, 0x5a, sizeof(page));
	for (off = 0; off < 33 * PAGE; off += PAGE)
		ck_assert_int_eq(memfs_write(f, page, PAGE, off), PAGE);
	ck_assert_uint_eq(memfs_reserved(f), 64 * PAGE);
	memfs_close(f);
	ck_assert_int_eq(memfs_unlink("log"), 0);
}
END_TEST

START_TEST(view_is_shared_and_pins_the_file)
{
	struct memfs_file *f = must_open("db", MEMFS_READ | MEMFS_WRITE | MEMFS_CREATE);
	unsigned char *view, *view2, buf[8];
	int err;

	ck_assert_int_eq(memfs_write(f, "meta", 4, 0), 4);
	view = memfs_map(f, 0, 8 * PAGE, &err);
	ck_assert_ptr_nonnull(view);
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq((uintptr_t)view % PAGE, 0);
	ck_assert_uint_eq(memfs_reserved(f), 8 * PAGE);
	ck_assert_mem_eq(view, "meta", 4);
	ck_assert(all_bytes(view + 4, 8 * PAGE - 4, 0));

	/* Writes and the view are the same bytes, both ways. */
	ck_assert_int_eq(memfs_write(f, "page7", 5, 7 * PAGE), 5);
	ck_assert_mem_eq(view + 7 * PAGE, "page7", 5);
	memcpy(view + 100, "store", 5);
	ck_assert_int_eq(memfs_read(f, buf, 5, 100), 5);
	ck_assert_mem_eq(buf, "store", 5);

	/* Pinned: no growth past the view, and a bigger second view cannot move it. */
	ck_assert_int_eq(memfs_write(f, "x", 1, 8 * PAGE), -ENOSPC);
	ck_assert_int_eq(memfs_truncate(f, 8 * PAGE + 1), -ENOSPC);
	ck_assert_ptr_null(memfs_map(f, 0, 9 * PAGE, &err));
	ck_assert_int_eq(err, -ENOMEM);
	view2 = memfs_map(f, 4 * PAGE, 4 * PAGE, &err);
	ck_assert_ptr_eq(view2, view + 4 * PAGE);
	ck_assert_int_eq(memfs_check_mapped(view + 8 * PAGE - 1, 1), 0);
	ck_assert_int_eq(memfs_check_mapped(view + 8 * PAGE - 1, 2), -ENOMEM);
	ck_assert_int_eq(memfs_check_mapped(view - 1, 1), -ENOMEM);

	ck_assert_int_eq(memfs_unmap(view, 7 * PAGE), -EINVAL);
	ck_assert_int_eq(memfs_unmap(view, 8 * PAGE), 0);
	ck_assert_int_eq(memfs_unmap(view, 8 * PAGE), -EINVAL);
	ck_assert_int_eq(memfs_unmap(view2, 4 * PAGE), 0);

	/* Unpinned: it may move, and keeps its bytes. */
	ck_assert_int_eq(memfs_write(f, "end", 3, 20 * PAGE), 3);
	ck_assert_int_eq(memfs_read(f, buf, 5, 7 * PAGE), 5);
	ck_assert_mem_eq(buf, "page7", 5);
	memfs_close(f);
	ck_assert_int_eq(memfs_unlink("db"), 0);
}
END_TEST

START_TEST(bad_views_are_refused)
{
	struct memfs_file *f = must_open("v", MEMFS_READ | MEMFS_CREATE);
	int err;

	ck_assert_ptr_null(memfs_map(f, 0, 0, &err));
	ck_assert_int_eq(err, -EINVAL);
	ck_assert_ptr_null(memfs_map(f, 1, PAGE, &err));
	ck_assert_int_eq(err, -EINVAL);
	ck_assert_ptr_null(memfs_map(f, 0, MEMFS_FILE_MAX + PAGE, &err));
	ck_assert_int_eq(err, -EFBIG);
	ck_assert_ptr_null(memfs_map(f, 0, 2048 * PAGE, &err));	/* over the budget */
	ck_assert_int_eq(err, -ENOMEM);
	ck_assert_uint_eq(memfs_reserved(f), 0);
	ck_assert_int_eq(memfs_unmap((void *)0x1000, PAGE), -EINVAL);
	memfs_close(f);
	ck_assert_int_eq(memfs_unlink("v"), 0);
}
END_TEST

START_TEST(unlink_keeps_open_and_mapped_data)
{
	struct memfs_file *f = must_open("u", MEMFS_READ | MEMFS_WRITE | MEMFS_CREATE), *g;
	struct memfs_stats st;
	unsigned char *view;
	int err;

	ck_assert_int_eq(memfs_write(f, "data", 4, 0), 4);
	view = memfs_map(f, 0, PAGE, &err);
	ck_assert_ptr_nonnull(view);
	ck_assert_int_eq(memfs_unlink("u"), 0);
	ck_assert(!memfs_linked(f));
	ck_assert_int_eq(memfs_open("u", MEMFS_READ, &g), -ENOENT);

	/* A new file may take the name while the old one lives on. */
	g = must_open("u", MEMFS_READ | MEMFS_CREATE);
	ck_assert_ptr_ne(f, g);
	ck_assert_uint_eq(memfs_size(g), 0);
	memfs_close(g);
	ck_assert_int_eq(memfs_unlink("u"), 0);

	memfs_close(f);
	memfs_get_stats(&st);
	ck_assert_uint_eq(st.files, 1);		/* the view holds it */
	ck_assert_mem_eq(view, "data", 4);
	ck_assert_int_eq(memfs_unmap(view, PAGE), 0);
}
END_TEST

START_TEST(running_out_of_pages_harms_nothing)
{
	struct memfs_file *f = must_open("big", MEMFS_READ | MEMFS_WRITE | MEMFS_CREATE);
	unsigned char buf[4];

	/* A move holds the old and the new run at once: 1, then 2, then 3 of 5 pages. */
	budget_pages = 5;
	ck_assert_int_eq(memfs_write(f, "abcd", 4, 0), 4);
	ck_assert_int_eq(memfs_write(f, "y", 1, PAGE), 1);
	ck_assert_uint_eq(memfs_reserved(f), 2 * PAGE);
	/* Doubling to 4 pages does not fit beside the 2; exactly 3 does. */
	ck_assert_int_eq(memfs_write(f, "z", 1, 2 * PAGE), 1);
	ck_assert_uint_eq(memfs_reserved(f), 3 * PAGE);
	ck_assert_int_eq(memfs_write(f, "x", 1, 10 * PAGE), -ENOSPC);
	ck_assert_int_eq(memfs_truncate(f, 11 * PAGE), -ENOSPC);
	ck_assert_uint_eq(memfs_size(f), 2 * PAGE + 1);
	ck_assert_int_eq(memfs_read(f, buf, 4, 0), 4);
	ck_assert_mem_eq(buf, "abcd", 4);
	ck_assert_int_eq(memfs_read(f, buf, 1, 2 * PAGE), 1);
	ck_assert_mem_eq(buf, "z", 1);
	memfs_close(f);
	ck_assert_int_eq(memfs_unlink("big"), 0);
}
END_TEST

Suite *memfs_suite(void)
{
	Suite *s = suite_create("memfs");
	TCase *tc = tcase_create("memfs");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_flags_and_names);
	tcase_add_test(tc, read_write_holes_and_truncate);
	tcase_add_test(tc, sequential_growth_doubles);
	tcase_add_test(tc, view_is_shared_and_pins_the_file);
	tcase_add_test(tc, bad_views_are_refused);
	tcase_add_test(tc, unlink_keeps_open_and_mapped_data);
	tcase_add_test(tc, running_out_of_pages_harms_nothing);
	suite_add_tcase(s, tc);
	return s;
}
