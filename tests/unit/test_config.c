/* SPDX-License-Identifier: MIT */
/*
 * Tests for dom0-tools/toolstack/config.c, the xl.cfg parser behind
 * `shl create`: every key and default, each syntax and value error with
 * its exact line, column and message, disk and vif specs, the limits of
 * the fixed-size tables, and fuzz loops over random and mutated files.
 *
 * Every text goes to the parser as an exact-size heap copy without a NUL,
 * so a read past the end is an AddressSanitizer error.
 */
#include <stdbool.h>
#include <stdio.h>
#include <public/errno.h>
#include "toolstack/config.h"
#include "unit.h"

#define FILE_NAME	"vm.cfg"
/* The mandatory keys, appended after a case so the case's own lines count from 1. */
#define TAIL		"name = 'vm'\nkernel = '/k'\n"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static struct domain_config cfg;
static struct cfg_error err;

static int parse_n(const char *text, size_t len)
{
	char *copy = unit_dup(text, len);
	int rc = cfg_parse(copy, len, FILE_NAME, &cfg, &err);

	free(copy);
	return rc;
}

static int parse(const char *text)
{
	return parse_n(text, strlen(text));
}

static void expect_ok(const char *text)
{
	int rc = parse(text);

	ck_assert_msg(rc == 0, "rejected: %s\n--- text ---\n%s", err.message, text);
}

/* The error must be exactly "vm.cfg:LINE:COL: error: MESSAGE" at LINE, COL. */
static void expect_error(const char *text, unsigned int line, unsigned int col,
			 const char *message)
{
	char want[CFG_ERROR_MAX + 64];
	int rc = parse(text);

	snprintf(want, sizeof(want), FILE_NAME ":%u:%u: error: %s", line, col, message);
	ck_assert_msg(rc == -SHALE_EINVAL, "accepted:\n%s", text);
	ck_assert_msg(strcmp(err.message, want) == 0, "\n  got:  %s\n  want: %s\n--- text ---\n%s",
		      err.message, want, text);
	ck_assert_uint_eq(err.line, line);
	ck_assert_uint_eq(err.column, col);
}

static void expect_warning(unsigned int i, const char *warning)
{
	ck_assert_uint_lt(i, cfg.nr_warnings);
	ck_assert_str_eq(cfg.warnings[i], warning);
}

struct error_case {
	const char *text;
	unsigned int line, col;
	const char *message;
};

static void expect_errors(const struct error_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expect_error(cases[i].text, cases[i].line, cases[i].col, cases[i].message);
}

static const char full_config[] =
	"# A config with every key\n"
	"name = \"web-1\"\n"
	"type = 'pv'\n"
	"memory = 256\n"
	"maxmem = 0x200      # 512\n"
	"vcpus = 2\n"
	"maxvcpus = 010      # octal: 8\n"
	"kernel = \"/boot/vmlinuz\"\n"
	"ramdisk = '/boot/initrd.img'\n"
	"cmdline = \"console=hvc0 root=/dev/xvda1\\tro\"\n"
	"on_poweroff = 'preserve'\n"
	"on_reboot = \"rename-restart\"\n"
	"on_crash = 'coredump-restart'\n"
	"cpu_weight = 512\n"
	"cap = 150\n"
	"disk = [ '/images/root.img,raw,xvda,rw',\n"
	"         'format=qcow2, vdev=xvdb, access=ro, target=/images/data,1.qcow2',\n"
	"]\n"
	"vif = [ 'mac=00:16:3e:0A:b2:03,bridge=br0', '' ];\n";

START_TEST(full_config_parses)
{
	expect_ok(full_config);
	ck_assert_str_eq(cfg.name, "web-1");
	ck_assert_int_eq(cfg.type, CFG_TYPE_PV);
	ck_assert_uint_eq(cfg.memory_mib, 256);
	ck_assert_uint_eq(cfg.maxmem_mib, 512);
	ck_assert_uint_eq(cfg.vcpus, 2);
	ck_assert_uint_eq(cfg.maxvcpus, 8);
	ck_assert_str_eq(cfg.kernel, "/boot/vmlinuz");
	ck_assert_str_eq(cfg.ramdisk, "/boot/initrd.img");
	ck_assert_str_eq(cfg.cmdline, "console=hvc0 root=/dev/xvda1\tro");
	ck_assert_int_eq(cfg.on_poweroff, CFG_ACTION_PRESERVE);
	ck_assert_int_eq(cfg.on_reboot, CFG_ACTION_RENAME_RESTART);
	ck_assert_int_eq(cfg.on_crash, CFG_ACTION_COREDUMP_RESTART);
	ck_assert_uint_eq(cfg.cpu_weight, 512);
	ck_assert_uint_eq(cfg.cap, 150);

	ck_assert_uint_eq(cfg.nr_disks, 2);
	ck_assert_str_eq(cfg.disks[0].spec, "/images/root.img,raw,xvda,rw");
	ck_assert_str_eq(cfg.disks[0].target, "/images/root.img");
	ck_assert_str_eq(cfg.disks[0].vdev, "xvda");
	ck_assert_int_eq(cfg.disks[0].format, CFG_DISK_RAW);
	ck_assert_int_eq(cfg.disks[0].access, CFG_DISK_RW);
	/* A named target takes the rest of the spec, commas included. */
	ck_assert_str_eq(cfg.disks[1].target, "/images/data,1.qcow2");
	ck_assert_str_eq(cfg.disks[1].vdev, "xvdb");
	ck_assert_int_eq(cfg.disks[1].format, CFG_DISK_QCOW2);
	ck_assert_int_eq(cfg.disks[1].access, CFG_DISK_RO);

	ck_assert_uint_eq(cfg.nr_vifs, 2);
	ck_assert_str_eq(cfg.vifs[0].spec, "mac=00:16:3e:0A:b2:03,bridge=br0");
	ck_assert(cfg.vifs[0].has_mac);
	ck_assert_mem_eq(cfg.vifs[0].mac, "\x00\x16\x3e\x0a\xb2\x03", 6);
	ck_assert_str_eq(cfg.vifs[0].bridge, "br0");
	ck_assert(!cfg.vifs[1].has_mac);
	ck_assert_str_eq(cfg.vifs[1].bridge, CFG_DEFAULT_BRIDGE);
	ck_assert_uint_eq(cfg.nr_warnings, 0);
}
END_TEST

START_TEST(defaults)
{
	expect_ok(TAIL);
	ck_assert_str_eq(cfg.name, "vm");
	ck_assert_str_eq(cfg.kernel, "/k");
	ck_assert_int_eq(cfg.type, CFG_TYPE_PV);
	ck_assert_uint_eq(cfg.memory_mib, 32);
	ck_assert_uint_eq(cfg.maxmem_mib, 32);
	ck_assert_uint_eq(cfg.vcpus, 1);
	ck_assert_uint_eq(cfg.maxvcpus, 1);
	ck_assert_str_eq(cfg.ramdisk, "");
	ck_assert_str_eq(cfg.cmdline, "");
	ck_assert_int_eq(cfg.on_poweroff, CFG_ACTION_DESTROY);
	ck_assert_int_eq(cfg.on_reboot, CFG_ACTION_RESTART);
	ck_assert_int_eq(cfg.on_crash, CFG_ACTION_DESTROY);
	ck_assert_uint_eq(cfg.cpu_weight, 256);
	ck_assert_uint_eq(cfg.cap, 0);
	ck_assert_uint_eq(cfg.nr_disks, 0);
	ck_assert_uint_eq(cfg.nr_vifs, 0);
	ck_assert_uint_eq(cfg.nr_warnings, 0);

	/* maxmem and maxvcpus follow memory and vcpus when unset. */
	expect_ok("memory = 300\nvcpus = 3\n" TAIL);
	ck_assert_uint_eq(cfg.maxmem_mib, 300);
	ck_assert_uint_eq(cfg.maxvcpus, 3);
}
END_TEST

START_TEST(missing_mandatory_keys)
{
	expect_error("", 1, 1, "missing mandatory key 'name'");
	expect_error("# nothing\n", 2, 1, "missing mandatory key 'name'");
	expect_error("name = 'a'", 1, 11, "missing mandatory key 'kernel'");
	expect_error("kernel = '/k'\n", 2, 1, "missing mandatory key 'name'");
}
END_TEST

static const struct error_case syntax_errors[] = {
	{ "memory 128\n" TAIL, 1, 8, "expected '=' after 'memory', found '1'" },
	{ "memory\n" TAIL, 1, 7, "expected '=' after 'memory', found end of line" },
	{ "memory", 1, 7, "expected '=' after 'memory', found end of file" },
	{ "memory =\n" TAIL, 1, 9, "expected a value after '='" },
	{ "memory = # none\n" TAIL, 1, 10, "expected a value after '='" },
	{ "memory = ;\n" TAIL, 1, 10, "expected a value after '='" },
	{ "memory =", 1, 9, "expected a value after '='" },
	{ "memory = @\n" TAIL, 1, 10,
	  "expected a value (a string, a number or a list), found '@'" },
	{ "= 5\n" TAIL, 1, 1, "expected a key name, found '='" },
	{ "5 = 5\n" TAIL, 1, 1, "expected a key name, found '5'" },
	{ "\xff = 5\n" TAIL, 1, 1, "expected a key name, found '\\xff'" },
	/* Strings: the error points at the opening quote. */
	{ "name = 'vm\n" TAIL, 1, 8,
	  "unterminated string: missing closing \"'\" before the end of the line" },
	{ TAIL "extra = \"ab\\\"", 3, 9,
	  "unterminated string: missing closing '\"' before the end of the file" },
	{ "cmdline = 'a\\qb'\n" TAIL, 1, 13,
	  "unknown escape '\\q' in string (expected \\\\, \\\", \\', \\n or \\t)" },
	{ "cmdline = 'a\\\n" TAIL, 1, 11,
	  "unterminated string: missing closing \"'\" before the end of the line" },
	/* Numbers. */
	{ "memory = 12x\n" TAIL, 1, 12, "invalid character 'x' in number" },
	{ "memory = 1.5\n" TAIL, 1, 11, "invalid character '.' in number" },
	{ "memory = 09\n" TAIL, 1, 11,
	  "invalid digit '9' in octal number (a leading 0 means octal)" },
	{ "memory = 0x\n" TAIL, 1, 12, "expected a hex digit after '0x', found end of line" },
	{ "memory = 0xg\n" TAIL, 1, 12, "expected a hex digit after '0x', found 'g'" },
	{ "memory = -\n" TAIL, 1, 11, "expected a digit after '-', found end of line" },
	{ "memory = 99999999999999999999\n" TAIL, 1, 10,
	  "number too large (must fit in 64 bits, signed)" },
	{ "memory = 9223372036854775808\n" TAIL, 1, 10,
	  "number too large (must fit in 64 bits, signed)" },
	{ "memory = 0x10000000000000000\n" TAIL, 1, 10,
	  "number too large (must fit in 64 bits, signed)" },
	{ "memory = -9223372036854775809\n" TAIL, 1, 10,
	  "number too large (must fit in 64 bits, signed)" },
	/* After the value. */
	{ "memory = 128 256\n" TAIL, 1, 14,
	  "expected ';' or end of line after the value, found '2'" },
	{ "vcpus = 2 x = 3\n" TAIL, 1, 11,
	  "expected ';' or end of line after the value, found 'x'" },
	/* Lists: unterminated ones point at the '['. */
	{ "disk = [ '/a,,xvda',\n  '/b,,xvdb'\n" TAIL, 1, 8,
	  "unterminated list: missing ']' before line 3" },
	{ TAIL "disk = [ '/a,,xvda',", 3, 8,
	  "unterminated list: missing ']' before the end of the file" },
	{ TAIL "vif = [", 3, 7, "unterminated list: missing ']' before the end of the file" },
	{ "disk = [ [ 'a' ] ]\n" TAIL, 1, 10, "lists cannot be nested, found '['" },
	{ "disk = [ , ]\n" TAIL, 1, 10,
	  "expected a string, a number or ']' in the list, found ','" },
	{ "disk = [ xvda ]\n" TAIL, 1, 10,
	  "expected a string, a number or ']' in the list, found 'x'" },
	{ "disk = [ '/a,,xvda' '/b,,xvdb' ]\n" TAIL, 1, 21,
	  "expected ',' or ']' after a list element, found '''" },
	{ "disk = [ '/a,,xvda',, ]\n" TAIL, 1, 21,
	  "expected a string, a number or ']' in the list, found ','" },
	/* Positions: tabs are one column, later lines count, ';' separates statements. */
	{ "\tmemory\t=\t64 ;; vcpus = 200\n" TAIL, 1, 25,
	  "'vcpus' must be between 1 and 128, found 200" },
	{ "\n\n# comment\n  memory = x\n" TAIL, 4, 12,
	  "expected a value (a string, a number or a list), found 'x'" },
	{ "name = 'a' ; kernel = '/k'\r\nmemory = 0\r\n", 2, 10,
	  "'memory' must be between 1 and 16777216 MiB, found 0" },
};

START_TEST(syntax_error_positions)
{
	expect_errors(syntax_errors, ARRAY_SIZE(syntax_errors));
}
END_TEST

START_TEST(nul_byte_is_an_error)
{
	static const char text[] = "name = 'a\0b'\nkernel = '/k'\n";
	static const char bare[] = "name = 'a'\0\nkernel = '/k'\n";

	ck_assert_int_eq(parse_n(text, sizeof(text) - 1), -SHALE_EINVAL);
	ck_assert_str_eq(err.message, FILE_NAME ":1:10: error: NUL byte inside a string");
	ck_assert_int_eq(parse_n(bare, sizeof(bare) - 1), -SHALE_EINVAL);
	ck_assert_str_eq(err.message,
			 FILE_NAME ":1:11: error: expected ';' or end of line after the value, "
				   "found '\\x00'");
}
END_TEST

static const struct error_case type_errors[] = {
	{ "memory = '128'\n" TAIL, 1, 10, "expected a number for 'memory', found a string" },
	{ "vcpus = [ 1 ]\n" TAIL, 1, 9, "expected a number for 'vcpus', found a list" },
	{ "name = 5\n" TAIL, 1, 8, "expected a string for 'name', found a number" },
	{ "name = [ 'a' ]\n" TAIL, 1, 8, "expected a string for 'name', found a list" },
	{ "on_crash = 1\n" TAIL, 1, 12, "expected a string for 'on_crash', found a number" },
	{ "disk = '/a,,xvda'\n" TAIL, 1, 8,
	  "expected a list of strings for 'disk', found a string" },
	{ "vif = 0\n" TAIL, 1, 7, "expected a list of strings for 'vif', found a number" },
	{ "disk = [ 1, 2 ]\n" TAIL, 1, 10,
	  "expected a list of strings for 'disk', found a number in the list" },
	{ "disk = [ '/a,,xvda', 2 ]\n" TAIL, 1, 22,
	  "expected a list of strings for 'disk', found a number in the list" },
};

static const struct error_case range_errors[] = {
	{ "memory = 0\n" TAIL, 1, 10, "'memory' must be between 1 and 16777216 MiB, found 0" },
	{ "memory = 16777217\n" TAIL, 1, 10,
	  "'memory' must be between 1 and 16777216 MiB, found 16777217" },
	{ "memory = -9223372036854775808\n" TAIL, 1, 10,
	  "'memory' must be between 1 and 16777216 MiB, found -9223372036854775808" },
	{ "vcpus = 0\n" TAIL, 1, 9, "'vcpus' must be between 1 and 128, found 0" },
	{ "vcpus = 129\n" TAIL, 1, 9, "'vcpus' must be between 1 and 128, found 129" },
	{ "maxvcpus = -1\n" TAIL, 1, 12, "'maxvcpus' must be between 1 and 128, found -1" },
	{ "cpu_weight = 0\n" TAIL, 1, 14, "'cpu_weight' must be between 1 and 65535, found 0" },
	{ "cpu_weight = 65536\n" TAIL, 1, 14,
	  "'cpu_weight' must be between 1 and 65535, found 65536" },
	{ "cap = -5\n" TAIL, 1, 7, "'cap' must be between 0 and 12800 percent, found -5" },
	{ "memory = 256\nmaxmem = 128\n" TAIL, 2, 10,
	  "'maxmem' (128 MiB) must be at least 'memory' (256 MiB)" },
	{ "maxmem = 16\n" TAIL, 1, 10,
	  "'maxmem' (16 MiB) must be at least 'memory' (32 MiB, the default)" },
	{ "maxvcpus = 2\nvcpus = 4\n" TAIL, 1, 12, "'maxvcpus' (2) must be at least 'vcpus' (4)" },
	{ "cap = 201\nvcpus = 2\n" TAIL, 1, 7,
	  "'cap' must be at most 200 percent (100 per vCPU, maxvcpus is 2), found 201" },
	{ "type = 'hvm'\n" TAIL, 1, 8,
	  "unsupported type 'hvm' (Shale runs PV guests only: expected 'pv')" },
	{ "type = 'pvh'\n" TAIL, 1, 8,
	  "unsupported type 'pvh' (Shale runs PV guests only: expected 'pv')" },
	{ "on_crash = 'explode'\n" TAIL, 1, 12,
	  "unknown action 'explode' for 'on_crash' (expected destroy, restart, rename-restart, "
	  "preserve, coredump-destroy or coredump-restart)" },
	{ "on_reboot = 'Restart'\n" TAIL, 1, 13,
	  "unknown action 'Restart' for 'on_reboot' (expected destroy, restart, rename-restart, "
	  "preserve, coredump-destroy or coredump-restart)" },
	{ "kernel = ''\n" TAIL, 1, 10, "'kernel' must not be empty" },
	{ "name = ''\n" TAIL, 1, 8, "'name' must not be empty" },
	{ "name = 'a b'\n" TAIL, 1, 10,
	  "'name' may hold only printable characters and no spaces, found ' '" },
	{ "name = 'a\\tb'\n" TAIL, 1, 8,
	  "'name' may hold only printable characters and no spaces, found '\\x09'" },
	{ "name = '123'\n" TAIL, 1, 8,
	  "'name' must not be all digits (it would read as a domain id)" },
};

START_TEST(value_errors)
{
	expect_errors(type_errors, ARRAY_SIZE(type_errors));
	expect_errors(range_errors, ARRAY_SIZE(range_errors));
}
END_TEST

START_TEST(numbers)
{
	expect_ok("memory = 0x40\nmaxmem = 0200\nvcpus = 0x0A\ncap = 0\n" TAIL);
	ck_assert_uint_eq(cfg.memory_mib, 64);
	ck_assert_uint_eq(cfg.maxmem_mib, 128);
	ck_assert_uint_eq(cfg.vcpus, 10);
	expect_ok("memory = 16777216\ncpu_weight = 65535\nvcpus = 128\ncap = 12800\n" TAIL);
	ck_assert_uint_eq(cfg.memory_mib, CFG_MEMORY_MAX_MIB);
	ck_assert_uint_eq(cfg.cpu_weight, 65535);
	ck_assert_uint_eq(cfg.cap, 12800);
	/* cap is bounded by maxvcpus, the vCPUs the domain may bring up. */
	expect_ok("cap = 400\nvcpus = 2\nmaxvcpus = 4\n" TAIL);
	ck_assert_uint_eq(cfg.cap, 400);
	/* Numbers in ignored keys only need to be well formed. */
	expect_ok("foo = -0x7fffffffffffffff\nbar = [ 1, -2, 'x', ]\n" TAIL);
	ck_assert_uint_eq(cfg.nr_warnings, 2);
}
END_TEST

START_TEST(comments_and_quotes)
{
	expect_ok("# leading comment\n"
		  "name = \"has#hash\"   # trailing comment\n"
		  "kernel = '/k' ; memory = 64 # two statements\n"
		  ";;\n"
		  "   \t\n"
		  "extra = \"it's \\\"quoted\\\" \\\\ \\n\\t\"\n"
		  "ramdisk = 'don\\'t\"'");
	ck_assert_str_eq(cfg.name, "has#hash");
	ck_assert_uint_eq(cfg.memory_mib, 64);
	ck_assert_str_eq(cfg.cmdline, "it's \"quoted\" \\ \n\t");
	ck_assert_str_eq(cfg.ramdisk, "don't\"");
	/* CRLF line endings and no final newline. */
	expect_ok("name = 'crlf'\r\nkernel = '/k'\r\nvcpus = 2\r\n\r\n# end\r\n");
	ck_assert_str_eq(cfg.name, "crlf");
	ck_assert_uint_eq(cfg.vcpus, 2);
}
END_TEST

START_TEST(multi_line_lists)
{
	expect_ok("disk = [\n"
		  "    # the root disk\n"
		  "    '/a,,xvda',   # a comment after an element\n"
		  "\n"
		  "    \"/b,,xvdb\"\n"
		  "    ,'/c,,xvdc',\n"
		  "]\n"
		  "vif = ['mac=00:16:3e:00:00:01']\n" TAIL);
	ck_assert_uint_eq(cfg.nr_disks, 3);
	ck_assert_str_eq(cfg.disks[1].target, "/b");
	ck_assert_str_eq(cfg.disks[2].vdev, "xvdc");
	ck_assert_uint_eq(cfg.nr_vifs, 1);

	expect_ok("disk = []\nvif = [ '' ]\n" TAIL);
	ck_assert_uint_eq(cfg.nr_disks, 0);
	ck_assert_uint_eq(cfg.nr_vifs, 1);
	ck_assert(!cfg.vifs[0].has_mac);
}
END_TEST

START_TEST(extra_root_and_cmdline)
{
	char text[1200];

	expect_ok("extra = 'console=hvc0'\n" TAIL);
	ck_assert_str_eq(cfg.cmdline, "console=hvc0");
	expect_ok("root = '/dev/xvda1 ro'\n" TAIL);
	ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1 ro");
	expect_ok("extra = 'quiet'\nroot = '/dev/xvda1'\n" TAIL);
	ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1 quiet");
	expect_ok("cmdline = 'a b c'\n" TAIL);
	ck_assert_str_eq(cfg.cmdline, "a b c");

	expect_error("cmdline = 'a'\nextra = 'b'\n" TAIL, 2, 9,
		     "'cmdline' and 'extra' both set the kernel command line: keep one");
	expect_error("extra = 'b'\ncmdline = 'a'\n" TAIL, 2, 11,
		     "'cmdline' and 'extra' both set the kernel command line: keep one");
	expect_error("root = '/dev/xvda'\ncmdline = 'a'\n" TAIL, 2, 11,
		     "'cmdline' and 'root' both set the kernel command line: keep one");

	/* 1023 characters fit; root= counts towards the limit. */
	snprintf(text, sizeof(text), "cmdline = '%01023d'\n" TAIL, 0);
	expect_ok(text);
	ck_assert_uint_eq(strlen(cfg.cmdline), 1023);
	snprintf(text, sizeof(text), "cmdline = '%01024d'\n" TAIL, 0);
	expect_error(text, 1, 11, "'cmdline' is too long (at most 1023 characters)");
	snprintf(text, sizeof(text), "root = 'x'\nextra = '%01016d'\n" TAIL, 0);
	expect_ok(text);
	ck_assert_uint_eq(strlen(cfg.cmdline), 1023);
	snprintf(text, sizeof(text), "root = 'x'\nextra = '%01017d'\n" TAIL, 0);
	expect_error(text, 2, 9, "kernel command line is too long (at most 1023 characters)");
}
END_TEST

START_TEST(unknown_keys_warn)
{
	expect_ok("foo = 1\nbar = [ 'x', 2 ]\n  builder = 'linux'\n" TAIL "memory = 48\n");
	ck_assert_uint_eq(cfg.nr_warnings, 3);
	expect_warning(0, FILE_NAME ":1:1: warning: unknown key 'foo' (ignored)");
	expect_warning(1, FILE_NAME ":2:1: warning: unknown key 'bar' (ignored)");
	expect_warning(2, FILE_NAME ":3:3: warning: unknown key 'builder' (ignored)");
	ck_assert_uint_eq(cfg.memory_mib, 48);

	/* Keys are case-sensitive, as in xl. */
	expect_ok("Memory = 64\n" TAIL);
	expect_warning(0, FILE_NAME ":1:1: warning: unknown key 'Memory' (ignored)");
	ck_assert_uint_eq(cfg.memory_mib, 32);

	/* The table keeps eight; the rest are counted. */
	expect_ok("a=1\nb=1\nc=1\nd=1\ne=1\nf=1\ng=1\nh=1\ni=1\nj=1\n" TAIL);
	ck_assert_uint_eq(cfg.nr_warnings, CFG_MAX_WARNINGS);
	ck_assert_uint_eq(cfg.nr_warnings_dropped, 2);
	expect_warning(7, FILE_NAME ":8:1: warning: unknown key 'h' (ignored)");

	/* Warnings before an error stay readable. */
	expect_error("foo = 1\nmemory = 0\n" TAIL, 2, 10,
		     "'memory' must be between 1 and 16777216 MiB, found 0");
	expect_warning(0, FILE_NAME ":1:1: warning: unknown key 'foo' (ignored)");
}
END_TEST

START_TEST(duplicate_keys_last_wins)
{
	expect_ok("memory = 64\nmemory = 128\n" TAIL
		  "disk = ['/a,,xvda', '/b,,xvdb']\ndisk = ['/c,,xvdc']\n");
	ck_assert_uint_eq(cfg.memory_mib, 128);
	ck_assert_uint_eq(cfg.nr_disks, 1);
	ck_assert_str_eq(cfg.disks[0].target, "/c");
	ck_assert_uint_eq(cfg.nr_warnings, 2);
	expect_warning(0, FILE_NAME ":2:1: warning: duplicate key 'memory': "
			  "this value replaces the one on line 1");
	expect_warning(1, FILE_NAME ":6:1: warning: duplicate key 'disk': "
			  "this value replaces the one on line 5");
}
END_TEST

START_TEST(every_action)
{
	static const char *const keys[] = { "on_poweroff", "on_reboot", "on_crash" };
	char text[128];
	int k, a;

	for (k = 0; k < 3; k++) {
		for (a = 0; a < CFG_NR_ACTIONS; a++) {
			enum cfg_action got;

			snprintf(text, sizeof(text), "%s = '%s'\n" TAIL, keys[k],
				 cfg_action_name(a));
			expect_ok(text);
			got = k == 0 ? cfg.on_poweroff : k == 1 ? cfg.on_reboot : cfg.on_crash;
			ck_assert_int_eq(got, a);
		}
	}
	ck_assert_str_eq(cfg_action_name(CFG_ACTION_DESTROY), "destroy");
	ck_assert_str_eq(cfg_action_name(CFG_ACTION_RESTART), "restart");
	ck_assert_str_eq(cfg_action_name(CFG_ACTION_RENAME_RESTART), "rename-restart");
	ck_assert_str_eq(cfg_action_name(CFG_ACTION_PRESERVE), "preserve");
	ck_assert_str_eq(cfg_action_name(CFG_ACTION_COREDUMP_DESTROY), "coredump-destroy");
	ck_assert_str_eq(cfg_action_name(CFG_ACTION_COREDUMP_RESTART), "coredump-restart");
	ck_assert_str_eq(cfg_action_name(CFG_NR_ACTIONS), "?");
	ck_assert_str_eq(cfg_action_name((enum cfg_action)-1), "?");
}
END_TEST

/* Parses one disk spec and checks its fields. */
static void expect_disk(const char *spec, const char *target, enum cfg_disk_format format,
			const char *vdev, enum cfg_disk_access access)
{
	char text[512];

	snprintf(text, sizeof(text), "disk = [ \"%s\" ]\n" TAIL, spec);
	expect_ok(text);
	ck_assert_uint_eq(cfg.nr_disks, 1);
	ck_assert_str_eq(cfg.disks[0].spec, spec);
	ck_assert_str_eq(cfg.disks[0].target, target);
	ck_assert_int_eq(cfg.disks[0].format, format);
	ck_assert_str_eq(cfg.disks[0].vdev, vdev);
	ck_assert_int_eq(cfg.disks[0].access, access);
}

START_TEST(disk_forms)
{
	/* The equivalent forms from xl-disk-configuration(5). */
	expect_disk("/dev/vg/guest-volume,,hda", "/dev/vg/guest-volume", CFG_DISK_RAW, "hda",
		    CFG_DISK_RW);
	expect_disk("/dev/vg/guest-volume,raw,hda,rw", "/dev/vg/guest-volume", CFG_DISK_RAW, "hda",
		    CFG_DISK_RW);
	expect_disk("format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume",
		    "/dev/vg/guest-volume", CFG_DISK_RAW, "hda", CFG_DISK_RW);
	/* Named parameters leave their positional slot out. */
	expect_disk("vdev=xvdb,/img", "/img", CFG_DISK_RAW, "xvdb", CFG_DISK_RW);
	expect_disk("/img,format=vhd,xvdc,r", "/img", CFG_DISK_VHD, "xvdc", CFG_DISK_RO);
	expect_disk("/img,qcow,sda1,ro", "/img", CFG_DISK_QCOW, "sda1", CFG_DISK_RO);
	expect_disk("/img,qed,xvdaa,w", "/img", CFG_DISK_QED, "xvdaa", CFG_DISK_RW);
	expect_disk("  /img, qcow2,  xvdd,  ", "/img", CFG_DISK_QCOW2, "xvdd", CFG_DISK_RW);
	/* Blanks around items go, except in a named target, which runs to the end. */
	expect_disk("/img \t, raw ,xvde , ro ", "/img", CFG_DISK_RAW, "xvde", CFG_DISK_RO);
	expect_disk("vdev=xvdf,target= /a b ", " /a b ", CFG_DISK_RAW, "xvdf", CFG_DISK_RW);
	expect_disk("vdev=xvda,target=/a b,c=d", "/a b,c=d", CFG_DISK_RAW, "xvda", CFG_DISK_RW);
}
END_TEST

/* "disk = [ '" is ten columns, so byte N of a spec is at column 11 + N. */
static const struct error_case disk_errors[] = {
	{ "disk = [ '/img,zip,xvda' ]\n" TAIL, 1, 16,
	  "unknown disk format 'zip' (expected raw, qcow, qcow2, vhd or qed)" },
	{ "disk = [ '/img,,xvda,rx' ]\n" TAIL, 1, 22,
	  "unknown disk access 'rx' (expected r, ro, w or rw)" },
	{ "disk = [ '/img,,vda' ]\n" TAIL, 1, 17,
	  "bad vdev 'vda' (expected a name such as xvda, hdb or sdc1)" },
	{ "disk = [ '/img,,xvd1' ]\n" TAIL, 1, 17,
	  "bad vdev 'xvd1' (expected a name such as xvda, hdb or sdc1)" },
	{ "disk = [ '/img,,xvda1b' ]\n" TAIL, 1, 17,
	  "bad vdev 'xvda1b' (expected a name such as xvda, hdb or sdc1)" },
	{ "disk = [ '/img,,xvdabcdefghijklm' ]\n" TAIL, 1, 17,
	  "bad vdev 'xvdabcdefghijklm' (expected a name such as xvda, hdb or sdc1)" },
	{ "disk = [ '/img' ]\n" TAIL, 1, 10,
	  "disk spec has no vdev (the guest's device name, such as xvda)" },
	{ "disk = [ ',,xvda' ]\n" TAIL, 1, 10,
	  "disk spec has no target (the image or device path)" },
	{ "disk = [ '' ]\n" TAIL, 1, 10, "disk spec has no target (the image or device path)" },
	{ "disk = [ '/img,,xvda,rw,x' ]\n" TAIL, 1, 25,
	  "too many positional parameters in disk spec at 'x' "
	  "(the order is target,format,vdev,access)" },
	{ "disk = [ 'devtype=cdrom,/img,,xvda' ]\n" TAIL, 1, 11,
	  "unknown disk parameter 'devtype' (expected target, format, vdev or access)" },
	{ "disk = [ 'vdev=xvda, vdev=xvdb, target=/i' ]\n" TAIL, 1, 22,
	  "disk parameter 'vdev' given twice" },
	{ "disk = [ '/a,,xvda', '/b,,xvda' ]\n" TAIL, 1, 27,
	  "vdev 'xvda' is already used by an earlier disk" },
	/* Escapes move the bytes, so the error points at the string itself. */
	{ "disk = [ \"/i\\tmg,zip,xvda\" ]\n" TAIL, 1, 10,
	  "unknown disk format 'zip' (expected raw, qcow, qcow2, vhd or qed)" },
};

START_TEST(disk_errors_point_into_the_spec)
{
	expect_errors(disk_errors, ARRAY_SIZE(disk_errors));
}
END_TEST

#define MAC_HINT	" (expected six hex pairs such as 00:16:3e:12:34:56)"

/* "vif = [ '" is nine columns, so byte N of a spec is at column 10 + N. */
static const struct error_case vif_errors[] = {
	{ "vif = [ 'mac=00:16:3e:aa:bb' ]\n" TAIL, 1, 14,
	  "bad MAC address '00:16:3e:aa:bb'" MAC_HINT },
	{ "vif = [ 'mac=00:16:3e:aa:bb:cg' ]\n" TAIL, 1, 14,
	  "bad MAC address '00:16:3e:aa:bb:cg'" MAC_HINT },
	{ "vif = [ 'mac=00-16-3e-aa-bb-cc' ]\n" TAIL, 1, 14,
	  "bad MAC address '00-16-3e-aa-bb-cc'" MAC_HINT },
	{ "vif = [ 'mac=0:16:3e:aa:bb:ccc' ]\n" TAIL, 1, 14,
	  "bad MAC address '0:16:3e:aa:bb:ccc'" MAC_HINT },
	{ "vif = [ 'mac=00:16:3e:aa:bb:cc:' ]\n" TAIL, 1, 14,
	  "bad MAC address '00:16:3e:aa:bb:cc:'" MAC_HINT },
	{ "vif = [ 'mac=' ]\n" TAIL, 1, 14,
	  "bad MAC address ''" MAC_HINT },
	{ "vif = [ 'mac=01:00:5e:00:00:01' ]\n" TAIL, 1, 14,
	  "MAC address '01:00:5e:00:00:01' is a multicast address (the first byte must be even)" },
	{ "vif = [ 'mac=00:16:3e:00:00:01,mac=00:16:3e:00:00:02' ]\n" TAIL, 1, 32,
	  "vif parameter 'mac' given twice" },
	{ "vif = [ 'bridge=' ]\n" TAIL, 1, 17,
	  "bad bridge name '' (1 to 15 characters, no spaces, '/' or ':')" },
	{ "vif = [ 'bridge=a/b' ]\n" TAIL, 1, 17,
	  "bad bridge name 'a/b' (1 to 15 characters, no spaces, '/' or ':')" },
	{ "vif = [ 'bridge=abcdefghijklmnop' ]\n" TAIL, 1, 17,
	  "bad bridge name 'abcdefghijklmnop' (1 to 15 characters, no spaces, '/' or ':')" },
	{ "vif = [ 'bridge=a,bridge=b' ]\n" TAIL, 1, 19, "vif parameter 'bridge' given twice" },
	{ "vif = [ 'xenbr1' ]\n" TAIL, 1, 10, "expected KEY=VALUE in vif spec, found 'xenbr1'" },
};

START_TEST(vif_specs)
{
	expect_ok("vif = [ 'mac=00:16:3E:aA:bb:0c', ' , bridge=abcdefghijklmno ,', "
		  "'ip=10.0.0.2,mac=02:00:00:00:00:01' ]\n" TAIL);
	ck_assert_uint_eq(cfg.nr_vifs, 3);
	ck_assert(cfg.vifs[0].has_mac);
	ck_assert_mem_eq(cfg.vifs[0].mac, "\x00\x16\x3e\xaa\xbb\x0c", 6);
	ck_assert_str_eq(cfg.vifs[0].bridge, "xenbr0");
	ck_assert(!cfg.vifs[1].has_mac);
	ck_assert_str_eq(cfg.vifs[1].bridge, "abcdefghijklmno");
	/* A locally administered address is fine; unknown parameters warn. */
	ck_assert_mem_eq(cfg.vifs[2].mac, "\x02\x00\x00\x00\x00\x01", 6);
	ck_assert_uint_eq(cfg.nr_warnings, 1);
	expect_warning(0, FILE_NAME ":1:66: warning: unsupported vif parameter 'ip' (ignored)");

	expect_errors(vif_errors, ARRAY_SIZE(vif_errors));
}
END_TEST

START_TEST(limits)
{
	char text[8192], name[80], *p;
	int i;

	/* name holds 63 characters. */
	memset(name, 'n', 63);
	name[63] = '\0';
	snprintf(text, sizeof(text), "name = '%s'\nkernel = '/k'\n", name);
	expect_ok(text);
	ck_assert_str_eq(cfg.name, name);
	snprintf(text, sizeof(text), "name = '%sn'\nkernel = '/k'\n", name);
	expect_error(text, 1, 8, "'name' is too long (at most 63 characters)");

	/* kernel and ramdisk hold 255. */
	snprintf(text, sizeof(text), "ramdisk = '/%0254d'\n" TAIL, 0);
	expect_ok(text);
	ck_assert_uint_eq(strlen(cfg.ramdisk), 255);
	snprintf(text, sizeof(text), "kernel = '/%0255d'\n" TAIL, 0);
	expect_error(text, 1, 10, "'kernel' is too long (at most 255 characters)");

	/* Sixteen disks fit, one per line; the seventeenth is refused where it stands. */
	for (i = 0, p = text + sprintf(text, "disk = [\n"); i < 17; i++)
		p += sprintf(p, "  '/d%d,,xvd%c',\n", i, 'a' + i);
	strcpy(p, "]\n" TAIL);
	expect_error(text, 18, 3, "too many disks (at most 16)");
	strcpy(strstr(text, "  '/d16"), "]\n" TAIL);
	expect_ok(text);
	ck_assert_uint_eq(cfg.nr_disks, CFG_MAX_DISKS);
	ck_assert_str_eq(cfg.disks[15].vdev, "xvdp");

	for (i = 0, p = text + sprintf(text, "vif = ["); i < 17; i++)
		p += sprintf(p, "'',");
	strcpy(p, "]\n" TAIL);
	expect_error(text, 1, 56, "too many vifs (at most 16)");

	/* A spec holds 255 characters. */
	snprintf(text, sizeof(text), "disk = [ '/%0248d,,xvda' ]\n" TAIL, 0);
	expect_ok(text);
	snprintf(text, sizeof(text), "disk = [ '/%0249d,,xvda' ]\n" TAIL, 0);
	expect_error(text, 1, 10, "disk spec is too long (at most 255 characters)");
	snprintf(text, sizeof(text), "vif = [ 'bridge=b%0248d' ]\n" TAIL, 0);
	expect_error(text, 1, 9, "vif spec is too long (at most 255 characters)");
}
END_TEST

START_TEST(long_text_in_messages_is_cut)
{
	char text[2048], want[CFG_WARNING_MAX], file[400];
	int rc;

	/* A quoted word stops after 40 characters. */
	snprintf(text, sizeof(text), "k%099d = 1\n" TAIL, 0);
	expect_ok(text);
	snprintf(want, sizeof(want), FILE_NAME ":1:1: warning: unknown key '%.40s...' (ignored)",
		 text);
	ck_assert_str_eq(cfg.warnings[0], want);
	/* A message longer than its buffer ends in "..." and stays terminated. */
	memset(file, 'f', sizeof(file) - 1);
	file[sizeof(file) - 1] = '\0';
	rc = cfg_parse("memory = 0", 10, file, &cfg, &err);
	ck_assert_int_eq(rc, -SHALE_EINVAL);
	ck_assert_uint_eq(strlen(err.message), CFG_ERROR_MAX - 1);
	ck_assert_str_eq(err.message + CFG_ERROR_MAX - 4, "...");
	ck_assert_uint_eq(err.line, 1);
	ck_assert_uint_eq(err.column, 10);
}
END_TEST

START_TEST(optional_arguments)
{
	/* No file name reads as "config"; no error struct is fine; no text is empty. */
	ck_assert_int_eq(cfg_parse("name=", 5, NULL, &cfg, &err), -SHALE_EINVAL);
	ck_assert_str_eq(err.message, "config:1:6: error: expected a value after '='");
	ck_assert_int_eq(cfg_parse("name=", 5, "x", &cfg, NULL), -SHALE_EINVAL);
	ck_assert_int_eq(cfg_parse(NULL, 0, "x", &cfg, &err), -SHALE_EINVAL);
	ck_assert_str_eq(err.message, "x:1:1: error: missing mandatory key 'name'");
	ck_assert_int_eq(cfg_parse(TAIL, strlen(TAIL), "x", &cfg, NULL), 0);
	ck_assert_str_eq(cfg_disk_format_name(CFG_DISK_QCOW2), "qcow2");
	ck_assert_str_eq(cfg_disk_format_name(CFG_NR_DISK_FORMATS), "?");
}
END_TEST

/* Whatever the input: an exact result, strings terminated, errors placed. */
static void check_outcome(int rc, const char *text)
{
	unsigned int i;

	ck_assert_msg(rc == 0 || rc == -SHALE_EINVAL, "rc %d", rc);
	ck_assert_uint_le(cfg.nr_warnings, CFG_MAX_WARNINGS);
	for (i = 0; i < cfg.nr_warnings; i++)
		ck_assert_uint_lt(strnlen(cfg.warnings[i], CFG_WARNING_MAX), CFG_WARNING_MAX);
	if (rc) {
		ck_assert_msg(err.line >= 1 && err.column >= 1, "no position for %s", text);
		ck_assert_uint_lt(strnlen(err.message, CFG_ERROR_MAX), CFG_ERROR_MAX);
		ck_assert(strncmp(err.message, "fuzz:", 5) == 0);
		ck_assert(strstr(err.message, ": error: ") != NULL);
		return;
	}
	ck_assert_uint_gt(strlen(cfg.name), 0);
	ck_assert_uint_gt(strlen(cfg.kernel), 0);
	ck_assert_uint_lt(strnlen(cfg.cmdline, CFG_CMDLINE_MAX), CFG_CMDLINE_MAX);
	ck_assert_uint_le(cfg.memory_mib, cfg.maxmem_mib);
	ck_assert_uint_le(cfg.vcpus, cfg.maxvcpus);
	ck_assert_uint_le(cfg.maxvcpus, CFG_MAX_VCPUS);
	ck_assert_uint_le(cfg.nr_disks, CFG_MAX_DISKS);
	ck_assert_uint_le(cfg.nr_vifs, CFG_MAX_VIFS);
	for (i = 0; i < cfg.nr_disks; i++)
		ck_assert_uint_gt(strlen(cfg.disks[i].vdev), 0);
}

static int fuzz_parse(const char *text, size_t len)
{
	char *copy = unit_dup(text, len);
	int rc = cfg_parse(copy, len, "fuzz", &cfg, &err);

	free(copy);
	return rc;
}

START_TEST(fuzz_random_text)
{
	static const char alphabet[] = "name=kernl'\"[],;#\\-0x19 \t\n\r_abcdisvfmpqt:/\xff";
	uint64_t seed = 0x5eed0c0f;
	char text[256];
	unsigned int round;
	size_t i, len;

	for (round = 0; round < 20000; round++) {
		len = unit_rand(&seed) % sizeof(text);
		for (i = 0; i < len; i++)
			text[i] = round & 1 ? (char)unit_rand(&seed)
					    : alphabet[unit_rand(&seed) % (sizeof(alphabet) - 1)];
		check_outcome(fuzz_parse(text, len), "random");
	}
}
END_TEST

/* A byte for a mutation: half the time one of the characters the syntax is made of. */
static char mutation_byte(uint64_t *seed)
{
	static const char syntax[] = "'\"[],;#\\=\n 0x-:";

	if (unit_rand(seed) & 1)
		return (char)unit_rand(seed);
	return syntax[unit_rand(seed) % (sizeof(syntax) - 1)];
}

/* One random edit of text[0..*len): overwrite, delete a run, insert, or cut short. */
static void mutate(char *text, size_t *len, size_t size, uint64_t *seed)
{
	size_t at = unit_rand(seed) % (*len + 1), n;

	switch (unit_rand(seed) % 4) {
	case 0:
		if (at < *len)
			text[at] = mutation_byte(seed);
		break;
	case 1:
		n = unit_rand(seed) % 16;
		n = n > *len - at ? *len - at : n;
		memmove(text + at, text + at + n, *len - at - n);
		*len -= n;
		break;
	case 2:
		if (*len < size) {
			memmove(text + at + 1, text + at, *len - at);
			text[at] = mutation_byte(seed);
			(*len)++;
		}
		break;
	default:
		*len = at;
		break;
	}
}

START_TEST(fuzz_mutated_config)
{
	uint64_t seed = 0xdecafbad;
	char text[sizeof(full_config) * 2];
	unsigned int round, ok = 0;
	size_t len;
	int edits, rc;

	for (round = 0; round < 20000; round++) {
		len = sizeof(full_config) - 1;
		memcpy(text, full_config, len);
		for (edits = 1 + (int)(unit_rand(&seed) % 4); edits > 0; edits--)
			mutate(text, &len, sizeof(text), &seed);
		rc = fuzz_parse(text, len);
		ok += rc == 0;
		check_outcome(rc, "mutated");
	}
	/* Some mutants must stay valid, or the loop would only ever test errors. */
	ck_assert_uint_gt(ok, 100);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *values = tcase_create("values");
	TCase *errors = tcase_create("errors");
	TCase *devices = tcase_create("devices");
	TCase *fuzz = tcase_create("fuzz");

	tcase_add_test(values, full_config_parses);
	tcase_add_test(values, defaults);
	tcase_add_test(values, numbers);
	tcase_add_test(values, comments_and_quotes);
	tcase_add_test(values, multi_line_lists);
	tcase_add_test(values, extra_root_and_cmdline);
	tcase_add_test(values, unknown_keys_warn);
	tcase_add_test(values, duplicate_keys_last_wins);
	tcase_add_test(values, every_action);
	tcase_add_test(values, optional_arguments);
	suite_add_tcase(s, values);

	tcase_add_test(errors, missing_mandatory_keys);
	tcase_add_test(errors, syntax_error_positions);
	tcase_add_test(errors, nul_byte_is_an_error);
	tcase_add_test(errors, value_errors);
	tcase_add_test(errors, limits);
	tcase_add_test(errors, long_text_in_messages_is_cut);
	suite_add_tcase(s, errors);

	tcase_add_test(devices, disk_forms);
	tcase_add_test(devices, disk_errors_point_into_the_spec);
	tcase_add_test(devices, vif_specs);
	suite_add_tcase(s, devices);

	tcase_add_test(fuzz, fuzz_random_text);
	tcase_add_test(fuzz, fuzz_mutated_config);
	suite_add_tcase(s, fuzz);
	return s;
}
