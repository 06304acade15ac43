/* SPDX-License-Identifier: MIT */
/*
 * Tests for common/cmdline.c: every option type, the Xen-style size
 * suffixes, and that each bad word is reported by name while leaving the
 * option's old value alone.
 */
#include <stdbool.h>
#include <stdio.h>
#include "cmdline.h"
#include "unit.h"

#define MAX_REPORTS	32
#define NR_OPTS		(sizeof(opts) / sizeof(opts[0]))

static char console[12];
static uint64_t loglvl;
static uint64_t dom0_mem;
static bool noreboot;
static bool sync_console;

static const struct cmdline_option opts[] = {
	{ .name = "console", .type = CMDLINE_STRING, .value = console, .size = sizeof(console) },
	{ .name = "loglvl", .type = CMDLINE_UINT, .value = &loglvl },
	{ .name = "dom0_mem", .type = CMDLINE_SIZE, .value = &dom0_mem },
	{ .name = "noreboot", .type = CMDLINE_BOOL, .value = &noreboot },
	{ .name = "sync_console", .type = CMDLINE_BOOL, .value = &sync_console },
};

static struct {
	char word[64];
	const char *problem;
} reports[MAX_REPORTS];
static int nr_reports;

static void record(void *ctx, const char *option, size_t option_len, const char *problem)
{
	ck_assert_ptr_eq(ctx, reports);
	ck_assert_int_lt(nr_reports, MAX_REPORTS);
	ck_assert_uint_lt(option_len, sizeof(reports[0].word));
	memcpy(reports[nr_reports].word, option, option_len);
	reports[nr_reports].word[option_len] = '\0';
	reports[nr_reports].problem = problem;
	nr_reports++;
}

/* Known, non-default starting values, so "left untouched" is visible. */
static void setup(void)
{
	strcpy(console, "vga");
	loglvl = 4;
	dom0_mem = 7;
	noreboot = false;
	sync_console = true;
	memset(reports, 0, sizeof(reports));
	nr_reports = 0;
}

/*
 * Parses a heap copy of line (so over-reads past the NUL are caught) and
 * checks that the return value matches the number of reports.
 */
static int parse(const char *line)
{
	char *copy = unit_dup(line, strlen(line) + 1);
	int n = cmdline_parse(copy, opts, NR_OPTS, record, reports);

	free(copy);
	ck_assert_int_eq(n, nr_reports);
	return n;
}

static void expect_report(int i, const char *word, const char *problem)
{
	ck_assert_int_lt(i, nr_reports);
	ck_assert_str_eq(reports[i].word, word);
	ck_assert_str_eq(reports[i].problem, problem);
}

/* Parses "dom0_mem=<value>" and returns the result, which must be clean. */
static uint64_t size_of(const char *value)
{
	char line[64];

	snprintf(line, sizeof(line), "dom0_mem=%s", value);
	ck_assert_int_eq(parse(line), 0);
	return dom0_mem;
}

static void expect_bad(const char *line, const char *word, const char *problem)
{
	ck_assert_int_eq(parse(line), 1);
	expect_report(0, word, problem);
	nr_reports = 0;
}

START_TEST(empty_and_null)
{
	ck_assert_int_eq(cmdline_parse(NULL, opts, NR_OPTS, record, reports), 0);
	ck_assert_int_eq(parse(""), 0);
	ck_assert_int_eq(parse(" \t  "), 0);
	ck_assert_str_eq(console, "vga");
	ck_assert_uint_eq(loglvl, 4);
}
END_TEST

START_TEST(several_words_and_whitespace)
{
	ck_assert_int_eq(parse("\t console=com1  loglvl=9\tnoreboot dom0_mem=64M "), 0);
	ck_assert_str_eq(console, "com1");
	ck_assert_uint_eq(loglvl, 9);
	ck_assert(noreboot);
	ck_assert_uint_eq(dom0_mem, 64ULL << 20);
}
END_TEST

START_TEST(later_word_wins)
{
	ck_assert_int_eq(parse("loglvl=1 loglvl=2"), 0);
	ck_assert_uint_eq(loglvl, 2);
}
END_TEST

START_TEST(strings)
{
	ck_assert_int_eq(parse("console=com1,vga"), 0);
	ck_assert_str_eq(console, "com1,vga");
	ck_assert_int_eq(parse("console=12345678901"), 0);
	ck_assert_str_eq(console, "12345678901");
	ck_assert_int_eq(parse("console="), 0);
	ck_assert_str_eq(console, "");
	/* The value runs to the word's end, "=" included. */
	ck_assert_int_eq(parse("console=a=b"), 0);
	ck_assert_str_eq(console, "a=b");
}
END_TEST

START_TEST(string_too_long_is_refused)
{
	/* Twelve characters need thirteen bytes; refused whole, not truncated. */
	expect_bad("console=123456789012", "console=123456789012", "value too long");
	ck_assert_str_eq(console, "vga");
}
END_TEST

START_TEST(uints)
{
	ck_assert_int_eq(parse("loglvl=0"), 0);
	ck_assert_uint_eq(loglvl, 0);
	ck_assert_int_eq(parse("loglvl=0x1F"), 0);
	ck_assert_uint_eq(loglvl, 0x1f);
	ck_assert_int_eq(parse("loglvl=0Xff"), 0);
	ck_assert_uint_eq(loglvl, 0xff);
	/* A leading zero is still decimal: the header promises no octal. */
	ck_assert_int_eq(parse("loglvl=010"), 0);
	ck_assert_uint_eq(loglvl, 10);
	ck_assert_int_eq(parse("loglvl=18446744073709551615"), 0);
	ck_assert_uint_eq(loglvl, UINT64_MAX);
	ck_assert_int_eq(parse("loglvl=0xffffffffffffffff"), 0);
	ck_assert_uint_eq(loglvl, UINT64_MAX);
}
END_TEST

START_TEST(bad_uints_keep_old_value)
{
	static const char *const bad[] = {
		"loglvl=", "loglvl=12a", "loglvl=-1", "loglvl=+1", "loglvl=0x", "loglvl=0xg",
		"loglvl=18446744073709551616", "loglvl=0x10000000000000000",
		"loglvl=99999999999999999999999",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup();
		ck_assert_int_ge(parse(bad[i]), 1);
		ck_assert_str_eq(reports[0].problem, "bad number");
		ck_assert_uint_eq(loglvl, 4);
	}
}
END_TEST

START_TEST(sizes)
{
	ck_assert_uint_eq(size_of("512"), 512ULL << 10);
	ck_assert_uint_eq(size_of("100B"), 100);
	ck_assert_uint_eq(size_of("100b"), 100);
	ck_assert_uint_eq(size_of("3k"), 3ULL << 10);
	ck_assert_uint_eq(size_of("3K"), 3ULL << 10);
	ck_assert_uint_eq(size_of("1m"), 1ULL << 20);
	ck_assert_uint_eq(size_of("2G"), 2ULL << 30);
	ck_assert_uint_eq(size_of("2g"), 2ULL << 30);
	ck_assert_uint_eq(size_of("5T"), 5ULL << 40);
	ck_assert_uint_eq(size_of("5t"), 5ULL << 40);
	ck_assert_uint_eq(size_of("0x10M"), 16ULL << 20);
	ck_assert_uint_eq(size_of("0"), 0);
	/* Hex digits are taken first, as in Xen: this is 0x1b KiB. */
	ck_assert_uint_eq(size_of("0x1b"), 0x1bULL << 10);
	ck_assert_uint_eq(size_of("16777215T"), 16777215ULL << 40);
	ck_assert_uint_eq(size_of("18446744073709551615B"), UINT64_MAX);
}
END_TEST

START_TEST(bad_sizes_keep_old_value)
{
	static const char *const bad[] = {
		"dom0_mem=", "dom0_mem=M", "dom0_mem=1X", "dom0_mem=1MB",
		"dom0_mem=-1M", "dom0_mem=0x", "dom0_mem=1.5G",
		/* 2^24 TiB is 2^64 bytes, one past the top. */
		"dom0_mem=16777216T", "dom0_mem=18014398509481984K",
		"dom0_mem=18446744073709551616B", "dom0_mem=0x40000000000000000M",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup();
		ck_assert_int_ge(parse(bad[i]), 1);
		ck_assert_str_eq(reports[0].problem, "bad size");
		ck_assert_uint_eq(dom0_mem, 7);
	}
}
END_TEST

START_TEST(bools)
{
	static const struct {
		const char *line;
		bool value;
	} cases[] = {
		{ "noreboot", true },     { "noreboot=1", true },  { "noreboot=yes", true },
		{ "noreboot=on", true },  { "noreboot=true", true }, { "noreboot=0", false },
		{ "noreboot=no", false }, { "noreboot=off", false }, { "noreboot=false", false },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		noreboot = !cases[i].value;
		ck_assert_int_eq(parse(cases[i].line), 0);
		ck_assert_msg(noreboot == cases[i].value, "%s", cases[i].line);
	}
}
END_TEST

START_TEST(bad_bools_keep_old_value)
{
	expect_bad("sync_console=maybe", "sync_console=maybe", "bad boolean");
	expect_bad("sync_console=", "sync_console=", "bad boolean");
	expect_bad("sync_console=00", "sync_console=00", "bad boolean");
	expect_bad("sync_console=yess", "sync_console=yess", "bad boolean");
	ck_assert(sync_console);
}
END_TEST

START_TEST(unknown_options_are_reported)
{
	ck_assert_int_eq(parse("foo=1 loglvl=3 bar console_x=com1 =x"), 4);
	expect_report(0, "foo=1", "unknown option");
	expect_report(1, "bar", "unknown option");
	expect_report(2, "console_x=com1", "unknown option");
	expect_report(3, "=x", "unknown option");
	/* Good words around bad ones still take effect. */
	ck_assert_uint_eq(loglvl, 3);
	ck_assert_str_eq(console, "vga");
}
END_TEST

START_TEST(prefixes_do_not_match)
{
	ck_assert_int_eq(parse("log=1 loglvlx=2 LOGLVL=3"), 3);
	expect_report(0, "log=1", "unknown option");
	expect_report(1, "loglvlx=2", "unknown option");
	expect_report(2, "LOGLVL=3", "unknown option");
	ck_assert_uint_eq(loglvl, 4);
}
END_TEST

START_TEST(missing_values)
{
	ck_assert_int_eq(parse("loglvl console dom0_mem"), 3);
	expect_report(0, "loglvl", "missing value");
	expect_report(1, "console", "missing value");
	expect_report(2, "dom0_mem", "missing value");
	ck_assert_uint_eq(loglvl, 4);
	ck_assert_str_eq(console, "vga");
	ck_assert_uint_eq(dom0_mem, 7);
}
END_TEST

START_TEST(problems_are_counted_without_a_reporter)
{
	ck_assert_int_eq(cmdline_parse("a b loglvl=x noreboot", opts, NR_OPTS, NULL, NULL), 3);
	ck_assert(noreboot);
}
END_TEST

START_TEST(fuzz_never_over_reads)
{
	static const char alphabet[] = "ab=01xX \tKMGTkmgt_-loglvcnsdr";
	uint64_t seed = 0xc0ffee;
	char line[48];
	unsigned int round;
	size_t i, len;

	for (round = 0; round < 20000; round++) {
		len = unit_rand(&seed) % sizeof(line);
		for (i = 0; i < len; i++)
			line[i] = alphabet[unit_rand(&seed) % (sizeof(alphabet) - 1)];
		line[len] = '\0';
		nr_reports = 0;
		parse(line);
		ck_assert_uint_lt(strlen(console), sizeof(console));
	}
}
END_TEST

Suite *cmdline_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *types = tcase_create("types");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(types, setup, NULL);
	tcase_add_test(types, empty_and_null);
	tcase_add_test(types, several_words_and_whitespace);
	tcase_add_test(types, later_word_wins);
	tcase_add_test(types, strings);
	tcase_add_test(types, uints);
	tcase_add_test(types, sizes);
	tcase_add_test(types, bools);
	suite_add_tcase(s, types);

	tcase_add_checked_fixture(errors, setup, NULL);
	tcase_add_test(errors, string_too_long_is_refused);
	tcase_add_test(errors, bad_uints_keep_old_value);
	tcase_add_test(errors, bad_sizes_keep_old_value);
	tcase_add_test(errors, bad_bools_keep_old_value);
	tcase_add_test(errors, unknown_options_are_reported);
	tcase_add_test(errors, prefixes_do_not_match);
	tcase_add_test(errors, missing_values);
	tcase_add_test(errors, problems_are_counted_without_a_reporter);
	tcase_add_test(errors, fuzz_never_over_reads);
	suite_add_tcase(s, errors);
	return s;
}
