/* SPDX-License-Identifier: MIT */
/*
 * Tests for dom0-tools/lib/ustar.c: lookups and walks over archives built
 * here byte by byte, every kind of corruption refused with -SHALE_EINVAL,
 * and archives made by the system tar.
 *
 * Header offsets are written out below rather than shared with ustar.c,
 * so a layout mistake there cannot hide behind the same mistake here.
 * Each call gets an exact-size heap copy so over-reads are caught.
 */
#include <stdbool.h>
#include <stdio.h>
#include <public/errno.h>
#include "ustar.h"
#include "unit.h"

#define BLOCK		512
#define H_NAME		0
#define H_MODE		100
#define H_SIZE		124
#define H_MTIME		136
#define H_CHKSUM	148
#define H_TYPE		156
#define H_MAGIC		257
#define H_VERSION	263
#define H_PREFIX	345
#define MAX_BLOCKS	64
#define MAX_SNAPS	64

static uint8_t tar[MAX_BLOCKS * BLOCK];
static size_t tar_len;
static void *snaps[MAX_SNAPS];
static unsigned int nr_snaps;

static void setup(void)
{
	memset(tar, 0, sizeof(tar));
	tar_len = 0;
}

static void teardown(void)
{
	while (nr_snaps)
		free(snaps[--nr_snaps]);
}

/* Zero-padded octal with a NUL in the field's last byte, as tar writes it. */
static void put_octal(uint8_t *field, size_t width, uint64_t v)
{
	char tmp[24];

	snprintf(tmp, sizeof(tmp), "%0*llo", (int)width - 1, (unsigned long long)v);
	ck_assert_uint_eq(strlen(tmp), width - 1);
	memcpy(field, tmp, width);
}

/* The header's unsigned sum, counting the checksum field as spaces. */
static unsigned int header_sum(const uint8_t *h)
{
	unsigned int sum = 0, i;

	for (i = 0; i < BLOCK; i++)
		sum += (i >= H_CHKSUM && i < H_CHKSUM + 8) ? ' ' : h[i];
	return sum;
}

/* Recomputes the checksum after a test has edited a header. */
static void seal(uint8_t *h)
{
	memset(h + H_CHKSUM, ' ', 8);
	put_octal(h + H_CHKSUM, 7, header_sum(h));
}

/* Appends a valid POSIX ustar entry and returns its header for editing. */
static uint8_t *add_entry(const char *prefix, const char *name, char type, const void *data,
			  size_t len)
{
	size_t padded = (len + BLOCK - 1) / BLOCK * BLOCK;
	uint8_t *h = tar + tar_len;

	ck_assert_uint_le(strlen(name), 100);
	ck_assert_uint_le(strlen(prefix), 155);
	ck_assert_uint_le(tar_len + BLOCK + padded, sizeof(tar));
	memset(h, 0, BLOCK + padded);
	memcpy(h + H_NAME, name, strlen(name));
	put_octal(h + H_MODE, 8, type == USTAR_TYPE_DIR ? 0755 : 0644);
	put_octal(h + 108, 8, 0);
	put_octal(h + 116, 8, 0);
	put_octal(h + H_SIZE, 12, len);
	put_octal(h + H_MTIME, 12, 1700000000);
	h[H_TYPE] = (uint8_t)type;
	memcpy(h + H_MAGIC, "ustar", 6);
	memcpy(h + H_VERSION, "00", 2);
	memcpy(h + H_PREFIX, prefix, strlen(prefix));
	seal(h);
	if (len)
		memcpy(h + BLOCK, data, len);
	tar_len += BLOCK + padded;
	return h;
}

static uint8_t *add_file(const char *name, const char *text)
{
	return add_entry("", name, USTAR_TYPE_FILE, text, strlen(text));
}

static void add_end(void)
{
	memset(tar + tar_len, 0, 2 * BLOCK);
	tar_len += 2 * BLOCK;
}

static const void *snapshot(void)
{
	ck_assert_uint_lt(nr_snaps, MAX_SNAPS);
	snaps[nr_snaps] = unit_dup(tar, tar_len);
	return snaps[nr_snaps++];
}

static int find(const char *path, struct ustar_file *f)
{
	return ustar_find(snapshot(), tar_len, path, f);
}

/* What a walk saw: names in order, and when to stop with a value. */
struct walk_log {
	char names[16][USTAR_NAME_MAX];
	unsigned int count;
	unsigned int stop_at;	/* 1-based entry to stop at, 0 for none */
};

static int log_entry(const struct ustar_file *f, void *ctx)
{
	struct walk_log *log = ctx;

	ck_assert_uint_lt(log->count, 16);
	strcpy(log->names[log->count++], f->name);
	return log->count == log->stop_at ? 42 : 0;
}

static int walk(struct walk_log *log)
{
	return ustar_foreach(snapshot(), tar_len, log_entry, log);
}

/* Asserts the archive is refused both by a lookup and by a walk. */
static void expect_corrupt(void)
{
	struct ustar_file f;
	struct walk_log log = { .count = 0 };

	ck_assert_int_eq(find("anything", &f), -SHALE_EINVAL);
	ck_assert_int_eq(walk(&log), -SHALE_EINVAL);
}

START_TEST(finds_a_file)
{
	struct ustar_file f;

	add_entry("", "boot/", USTAR_TYPE_DIR, NULL, 0);
	add_file("etc/rc", "echo hi\npoweroff\n");
	add_file("etc/motd", "welcome");
	add_end();
	ck_assert_int_eq(find("etc/rc", &f), 0);
	ck_assert_str_eq(f.name, "etc/rc");
	ck_assert_uint_eq(f.size, 17);
	ck_assert_mem_eq(f.data, "echo hi\npoweroff\n", 17);
	ck_assert_int_eq(f.type, USTAR_TYPE_FILE);
	ck_assert_uint_eq(f.mode, 0644);
	ck_assert_ptr_eq(f.data, (const uint8_t *)snaps[nr_snaps - 1] + 2 * BLOCK);

	ck_assert_int_eq(find("boot", &f), 0);
	ck_assert_int_eq(f.type, USTAR_TYPE_DIR);
	ck_assert_uint_eq(f.mode, 0755);
	ck_assert_uint_eq(f.size, 0);
}
END_TEST

START_TEST(query_prefixes_are_ignored)
{
	struct ustar_file f;

	add_file("etc/motd", "welcome");
	add_end();
	ck_assert_int_eq(find("/etc/motd", &f), 0);
	ck_assert_int_eq(find("./etc/motd", &f), 0);
	ck_assert_int_eq(find(".//etc/motd", &f), 0);
	ck_assert_str_eq(f.name, "etc/motd");
	/* Only leading forms: anything else is part of the name. */
	ck_assert_int_eq(find("etc//motd", &f), -SHALE_ENOENT);
	ck_assert_int_eq(find("etc/motd/", &f), -SHALE_ENOENT);
	ck_assert_int_eq(find("etc/mot", &f), -SHALE_ENOENT);
}
END_TEST

START_TEST(stored_names_are_normalised)
{
	struct walk_log log = { .count = 0 };
	struct ustar_file f;

	add_entry("", "./", USTAR_TYPE_DIR, NULL, 0);
	add_entry("", "./etc/", USTAR_TYPE_DIR, NULL, 0);
	add_file("./etc/rc", "x");
	add_end();
	ck_assert_int_eq(walk(&log), 0);
	ck_assert_uint_eq(log.count, 3);
	ck_assert_str_eq(log.names[0], "");
	ck_assert_str_eq(log.names[1], "etc");
	ck_assert_str_eq(log.names[2], "etc/rc");
	ck_assert_int_eq(find("/etc/rc", &f), 0);
	ck_assert_int_eq(find("etc", &f), 0);
	ck_assert_int_eq(f.type, USTAR_TYPE_DIR);
}
END_TEST

START_TEST(missing_file)
{
	struct ustar_file f = { .size = 1234 };

	ck_assert_int_eq(find("etc/rc", &f), -SHALE_ENOENT);
	add_end();
	ck_assert_int_eq(find("etc/rc", &f), -SHALE_ENOENT);
	setup();
	add_file("etc/rc", "x");
	add_end();
	ck_assert_int_eq(find("etc/rcx", &f), -SHALE_ENOENT);
	ck_assert_int_eq(find("etc/r", &f), -SHALE_ENOENT);
	ck_assert_int_eq(find("", &f), -SHALE_ENOENT);
	ck_assert_uint_eq(f.size, 1234);
}
END_TEST

START_TEST(last_copy_wins)
{
	struct ustar_file f;

	add_file("etc/rc", "old");
	add_file("etc/rc", "newer");
	add_end();
	ck_assert_int_eq(find("etc/rc", &f), 0);
	ck_assert_mem_eq(f.data, "newer", 5);
}
END_TEST

START_TEST(walks_in_order)
{
	struct walk_log log = { .count = 0 };

	add_file("a", "1");
	add_entry("", "b/", USTAR_TYPE_DIR, NULL, 0);
	add_file("b/c", "22");
	add_end();
	ck_assert_int_eq(walk(&log), 0);
	ck_assert_uint_eq(log.count, 3);
	ck_assert_str_eq(log.names[0], "a");
	ck_assert_str_eq(log.names[1], "b");
	ck_assert_str_eq(log.names[2], "b/c");
}
END_TEST

START_TEST(walk_stops_on_callback_value)
{
	struct walk_log log = { .stop_at = 2 };

	add_file("a", "1");
	add_file("b", "2");
	add_file("c", "3");
	add_end();
	ck_assert_int_eq(walk(&log), 42);
	ck_assert_uint_eq(log.count, 2);
}
END_TEST

START_TEST(prefix_joins_name)
{
	struct ustar_file f;

	add_entry("usr/share/doc/shale", "README", USTAR_TYPE_FILE, "docs", 4);
	add_end();
	ck_assert_int_eq(find("usr/share/doc/shale/README", &f), 0);
	ck_assert_str_eq(f.name, "usr/share/doc/shale/README");
	ck_assert_mem_eq(f.data, "docs", 4);
}
END_TEST

START_TEST(full_length_names)
{
	char prefix[156], name[101], want[300];
	struct ustar_file f;

	/* A 100-byte name has no NUL (GNU tar writes these); so may a prefix. */
	memset(name, 'n', 100);
	name[100] = '\0';
	memset(prefix, 'p', 155);
	prefix[155] = '\0';
	add_entry("", name, USTAR_TYPE_FILE, "a", 1);
	add_entry(prefix, "short", USTAR_TYPE_FILE, "b", 1);
	name[99] = '\0';
	prefix[154] = '\0';
	add_entry(prefix, name, USTAR_TYPE_FILE, "c", 1);
	add_end();

	name[99] = 'n';
	ck_assert_int_eq(find(name, &f), 0);
	ck_assert_mem_eq(f.data, "a", 1);
	prefix[154] = 'p';
	snprintf(want, sizeof(want), "%s/short", prefix);
	ck_assert_int_eq(find(want, &f), 0);
	ck_assert_mem_eq(f.data, "b", 1);
	/* 154 + "/" + 99 + NUL: the longest path that fits USTAR_NAME_MAX. */
	prefix[154] = '\0';
	name[99] = '\0';
	snprintf(want, sizeof(want), "%s/%s", prefix, name);
	ck_assert_uint_eq(strlen(want), 254);
	ck_assert_int_eq(find(want, &f), 0);
	ck_assert_mem_eq(f.data, "c", 1);
}
END_TEST

START_TEST(accepts_longest_name)
{
	char prefix[156], name[101], full[257];
	struct ustar_file f;

	/* Both fields full: 155 + "/" + 100 characters, the longest ustar path. */
	memset(name, 'n', 100);
	name[100] = '\0';
	memset(prefix, 'p', 155);
	prefix[155] = '\0';
	snprintf(full, sizeof(full), "%s/%s", prefix, name);
	add_entry(prefix, name, USTAR_TYPE_FILE, "a", 1);
	add_end();
	ck_assert_int_eq(find(full, &f), 0);
	ck_assert_str_eq(f.name, full);
	ck_assert_mem_eq(f.data, "a", 1);
}
END_TEST

START_TEST(old_type_nul_means_file)
{
	struct ustar_file f;
	uint8_t *h = add_file("f", "x");

	h[H_TYPE] = '\0';
	seal(h);
	add_end();
	ck_assert_int_eq(find("f", &f), 0);
	ck_assert_int_eq(f.type, USTAR_TYPE_FILE);
}
END_TEST

START_TEST(gnu_magic_is_accepted)
{
	struct ustar_file f;
	uint8_t *h = add_file("etc/rc", "x");

	memcpy(h + H_MAGIC, "ustar  ", 8);
	/* GNU keeps times there, not a prefix: it must not join the name. */
	memcpy(h + H_PREFIX, "12345670123", 11);
	seal(h);
	add_end();
	ck_assert_int_eq(find("etc/rc", &f), 0);
	ck_assert_str_eq(f.name, "etc/rc");
}
END_TEST

START_TEST(refuses_bad_magic)
{
	static const char *const magics[] = { "ustaR\0" "00", "ustar\0" "01", "\0\0\0\0\0\0\0\0",
					      "ustar " "00", "ustar\0" " \0" };
	size_t i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		uint8_t *h;

		setup();
		h = add_file("f", "x");
		memcpy(h + H_MAGIC, magics[i], 8);
		seal(h);
		add_end();
		expect_corrupt();
	}
}
END_TEST

START_TEST(refuses_bad_checksum)
{
	uint8_t *h = add_file("etc/rc", "x");

	add_end();
	h[H_NAME] = 'E';
	expect_corrupt();
	seal(h);
	memcpy(h + H_CHKSUM, "01234x7", 8);
	expect_corrupt();
	memset(h + H_CHKSUM, 0, 8);
	expect_corrupt();
}
END_TEST

START_TEST(checksum_field_forms)
{
	static const char *const forms[] = { "%06o%c ", "%06o %c", "%07o%c", " %06o%c" };
	struct ustar_file f;
	uint8_t *h = add_file("f", "x");
	char field[16];
	size_t i;

	add_end();
	/* GNU writes six digits, NUL, space; others pad or end differently. */
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(field, sizeof(field), forms[i], header_sum(h), '\0');
		memcpy(h + H_CHKSUM, field, 8);
		ck_assert_msg(find("f", &f) == 0, "form %zu", i);
	}
}
END_TEST

START_TEST(signed_checksum_is_accepted)
{
	struct ustar_file f;
	uint8_t *h = add_file("caf\xc3\xa9", "x");
	int sum = 0, i;

	/* Old tars summed signed chars, which differs once a byte is >= 0x80. */
	memset(h + H_CHKSUM, ' ', 8);
	for (i = 0; i < BLOCK; i++)
		sum += (int8_t)h[i];
	put_octal(h + H_CHKSUM, 7, (uint64_t)sum);
	add_end();
	ck_assert_int_eq(find("caf\xc3\xa9", &f), 0);
}
END_TEST

START_TEST(refuses_size_beyond_archive)
{
	uint8_t *h = add_file("f", "0123456789");

	add_end();
	put_octal(h + H_SIZE, 12, tar_len);
	seal(h);
	expect_corrupt();
	put_octal(h + H_SIZE, 12, 0777777777ULL);
	seal(h);
	expect_corrupt();
}
END_TEST

START_TEST(refuses_data_cut_short)
{
	add_file("f", "0123456789");
	/* The data fits but its padding to a block does not. */
	tar_len = BLOCK + 10;
	expect_corrupt();
	tar_len = BLOCK + 5;
	expect_corrupt();
}
END_TEST

START_TEST(refuses_bad_octal)
{
	static const char sizes[][12] = {
		"0000000001z", "00000000018", "", "0000000 001", "00000001 x",
		"\x80\0\0\0\0\0\0\0\0\0\0\x01", "-0000000001",
	};
	uint8_t *h;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		setup();
		h = add_file("f", "x");
		memcpy(h + H_SIZE, sizes[i], 12);
		seal(h);
		add_end();
		expect_corrupt();
	}
	setup();
	h = add_file("f", "x");
	memcpy(h + H_MODE, "06z4\0\0\0", 8);
	seal(h);
	add_end();
	expect_corrupt();
}
END_TEST

START_TEST(octal_field_forms)
{
	struct ustar_file f;
	uint8_t *h = add_file("f", "0123456789");

	add_end();
	/* Leading spaces, a full field with no terminator, trailing spaces. */
	memcpy(h + H_SIZE, "         12\0", 12);
	seal(h);
	ck_assert_int_eq(find("f", &f), 0);
	ck_assert_uint_eq(f.size, 10);
	memcpy(h + H_SIZE, "000000000012", 12);
	seal(h);
	ck_assert_int_eq(find("f", &f), 0);
	ck_assert_uint_eq(f.size, 10);
	memcpy(h + H_MODE, "755  \0  ", 8);
	seal(h);
	ck_assert_int_eq(find("f", &f), 0);
	ck_assert_uint_eq(f.mode, 0755);
	/* Type bits some tars add to mode are not permission bits. */
	memcpy(h + H_MODE, "0100644", 8);
	seal(h);
	ck_assert_int_eq(find("f", &f), 0);
	ck_assert_uint_eq(f.mode, 0644);
}
END_TEST

START_TEST(refuses_truncated_header)
{
	add_file("a", "1");
	add_file("b", "2");
	tar_len = 2 * BLOCK + 100;
	expect_corrupt();
	tar_len = 100;
	expect_corrupt();
	tar_len = BLOCK - 1;
	expect_corrupt();
}
END_TEST

START_TEST(end_without_zero_blocks)
{
	struct walk_log log = { .count = 0 };
	struct ustar_file f;

	add_file("a", "1");
	add_file("b", "2");
	ck_assert_int_eq(walk(&log), 0);
	ck_assert_uint_eq(log.count, 2);
	ck_assert_int_eq(find("b", &f), 0);
}
END_TEST

START_TEST(one_zero_block_ends_archive)
{
	struct walk_log log = { .count = 0 };
	struct ustar_file f;

	add_file("a", "1");
	tar_len += BLOCK;
	add_file("hidden", "2");
	memset(tar + tar_len, 0xee, BLOCK);
	tar_len += BLOCK;
	ck_assert_int_eq(walk(&log), 0);
	ck_assert_uint_eq(log.count, 1);
	ck_assert_int_eq(find("hidden", &f), -SHALE_ENOENT);
}
END_TEST

START_TEST(corruption_after_match_is_reported)
{
	struct ustar_file f;

	add_file("a", "1");
	add_file("b", "2")[H_NAME] = 'c';
	add_end();
	ck_assert_int_eq(find("a", &f), -SHALE_EINVAL);
}
END_TEST

/* Whatever the bytes, every entry handed out lies inside the archive. */
static int check_inside(const struct ustar_file *f, void *ctx)
{
	const uint8_t *base = snaps[nr_snaps - 1];

	ck_assert((const uint8_t *)f->data >= base + BLOCK);
	ck_assert_uint_le((size_t)((const uint8_t *)f->data - base) + f->size, tar_len);
	ck_assert_uint_lt(strlen(f->name), USTAR_NAME_MAX);
	return 0;
}

START_TEST(fuzz_corrupt_archives)
{
	uint64_t seed = 0x7a7a7a7a;
	struct ustar_file f;
	unsigned int round, k;
	size_t full, at;
	int rc;

	add_file("etc/rc", "poweroff\n");
	add_entry("boot", "kernel", USTAR_TYPE_FILE, tar, 700);
	add_end();
	full = tar_len;
	for (round = 0; round < 5000; round++) {
		uint8_t saved[sizeof(tar)];

		memcpy(saved, tar, full);
		for (k = 0; k < 1 + unit_rand(&seed) % 3; k++) {
			at = unit_rand(&seed) % full;
			tar[at] = (uint8_t)unit_rand(&seed);
		}
		/* Mostly keep checksums right, so the checks past them run. */
		if (unit_rand(&seed) % 4) {
			seal(tar);
			if (tar[2 * BLOCK + H_MAGIC] == 'u')
				seal(tar + 2 * BLOCK);
		}
		tar_len = full - unit_rand(&seed) % 3 * 200;
		rc = ustar_foreach(snapshot(), tar_len, check_inside, NULL);
		ck_assert(rc == 0 || rc == -SHALE_EINVAL);
		rc = find("boot/kernel", &f);
		ck_assert(rc == 0 || rc == -SHALE_EINVAL || rc == -SHALE_ENOENT);
		memcpy(tar, saved, full);
		teardown();
	}
}
END_TEST

/*
 * Builds a small tree with the system tar in a temp dir and returns the
 * archive. With long_names, it adds a 100-byte name and a 163-byte path,
 * which only the ustar format (prefix field) stores without extensions.
 */
static uint8_t *system_tar(const char *format, bool long_names, size_t *size)
{
	char dir[] = "/tmp/shale-ustar-XXXXXX", cmd[2048], path[64];
	uint8_t *data;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "set -e; cd %s; mkdir -p r/etc r/boot; printf 'hello\\n' > r/etc/rc;"
		 " head -c 1000 /dev/zero | tr '\\0' x > r/boot/k; : > r/empty;"
		 " if [ %d = 1 ]; then d=$(printf '%%050d' 0 | tr 0 d);"
		 " mkdir -p r/$d/$d/$d; printf deep > r/$d/$d/$d/file.txt;"
		 " printf long > r/$(printf '%%0100d' 0 | tr 0 a); fi;"
		 " tar --format=%s -C r -cf a.tar .",
		 dir, long_names, format);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/a.tar", dir);
	data = unit_slurp(path, size);
	unit_remove_tree(dir);
	return data;
}

static void check_short_names(const uint8_t *tarball, size_t size)
{
	struct ustar_file f;
	uint8_t x1000[1000];

	ck_assert_int_eq(ustar_find(tarball, size, "etc/rc", &f), 0);
	ck_assert_uint_eq(f.size, 6);
	ck_assert_mem_eq(f.data, "hello\n", 6);
	ck_assert_int_eq(ustar_find(tarball, size, "/boot/k", &f), 0);
	memset(x1000, 'x', sizeof(x1000));
	ck_assert_uint_eq(f.size, 1000);
	ck_assert_mem_eq(f.data, x1000, 1000);
	ck_assert_int_eq(ustar_find(tarball, size, "./empty", &f), 0);
	ck_assert_uint_eq(f.size, 0);
	ck_assert_int_eq(ustar_find(tarball, size, "boot", &f), 0);
	ck_assert_int_eq(f.type, USTAR_TYPE_DIR);
	ck_assert_int_eq(ustar_find(tarball, size, "etc/nothing", &f), -SHALE_ENOENT);
}

START_TEST(reads_system_tar_ustar)
{
	struct walk_log log = { .count = 0 };
	struct ustar_file f;
	uint8_t *tarball;
	char deep[256];
	size_t size;

	tarball = system_tar("ustar", true, &size);
	check_short_names(tarball, size);
	memset(deep, 'a', 100);
	deep[100] = '\0';
	ck_assert_int_eq(ustar_find(tarball, size, deep, &f), 0);
	ck_assert_mem_eq(f.data, "long", 4);
	memset(deep, 'd', 152);
	deep[50] = deep[101] = '/';
	strcpy(deep + 152, "/file.txt");
	ck_assert_int_eq(ustar_find(tarball, size, deep, &f), 0);
	ck_assert_mem_eq(f.data, "deep", 4);
	/* ".", etc, rc, boot, k, empty, the 100-a file, three dirs, file.txt. */
	ck_assert_int_eq(ustar_foreach(tarball, size, log_entry, &log), 0);
	ck_assert_uint_eq(log.count, 11);
	free(tarball);
}
END_TEST

START_TEST(reads_system_tar_gnu)
{
	struct walk_log log = { .count = 0 };
	uint8_t *tarball;
	size_t size;

	tarball = system_tar("gnu", false, &size);
	check_short_names(tarball, size);
	ck_assert_int_eq(ustar_foreach(tarball, size, log_entry, &log), 0);
	ck_assert_uint_eq(log.count, 6);
	free(tarball);
}
END_TEST

Suite *ustar_suite(void)
{
	Suite *s = suite_create("ustar");
	TCase *read = tcase_create("read");
	TCase *bad = tcase_create("corrupt");
	TCase *real = tcase_create("system tar");

	tcase_add_checked_fixture(read, setup, teardown);
	tcase_add_test(read, finds_a_file);
	tcase_add_test(read, query_prefixes_are_ignored);
	tcase_add_test(read, stored_names_are_normalised);
	tcase_add_test(read, missing_file);
	tcase_add_test(read, last_copy_wins);
	tcase_add_test(read, walks_in_order);
	tcase_add_test(read, walk_stops_on_callback_value);
	tcase_add_test(read, prefix_joins_name);
	tcase_add_test(read, full_length_names);
	tcase_add_test(read, old_type_nul_means_file);
	tcase_add_test(read, gnu_magic_is_accepted);
	tcase_add_test(read, checksum_field_forms);
	tcase_add_test(read, signed_checksum_is_accepted);
	tcase_add_test(read, octal_field_forms);
	tcase_add_test(read, end_without_zero_blocks);
	tcase_add_test(read, accepts_longest_name);
	tcase_add_test(read, one_zero_block_ends_archive);
	suite_add_tcase(s, read);

	tcase_add_checked_fixture(bad, setup, teardown);
	tcase_add_test(bad, refuses_bad_magic);
	tcase_add_test(bad, refuses_bad_checksum);
	tcase_add_test(bad, refuses_size_beyond_archive);
	tcase_add_test(bad, refuses_data_cut_short);
	tcase_add_test(bad, refuses_bad_octal);
	tcase_add_test(bad, refuses_truncated_header);
	tcase_add_test(bad, corruption_after_match_is_reported);
	tcase_add_test(bad, fuzz_corrupt_archives);
	tcase_set_timeout(bad, 60);
	suite_add_tcase(s, bad);

	tcase_add_test(real, reads_system_tar_ustar);
	tcase_add_test(real, reads_system_tar_gnu);
	tcase_set_timeout(real, 60);
	suite_add_tcase(s, real);
	return s;
}
