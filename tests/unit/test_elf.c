/* SPDX-License-Identifier: MIT */
/*
 * Tests for libbuild/elf.c: a valid image parses and loads byte for byte,
 * and every way a hostile image can be wrong is refused with its reason.
 *
 * Images are built with the host's <elf.h>, not with libbuild's elf64.h, so
 * a wrong field offset in elf64.h shows up as a failure here. Each parse
 * gets an exact-size heap copy so AddressSanitizer catches over-reads.
 */
#include <elf.h>
#include <stdio.h>
#include <public/errno.h>
#include "elf.h"
#include "unit.h"

#define LIMIT		(1ULL << 47)
#define TEXT_VA		0x400000ULL
#define TEXT_OFF	0x1000
#define TEXT_LEN	0x100
#define DATA_VA		0x401000ULL
#define DATA_OFF	(TEXT_OFF + TEXT_LEN)
#define DATA_LEN	0x20
#define DATA_MEM	0x1000
#define FILE_SIZE	(DATA_OFF + DATA_LEN)
#define BUF_SIZE	0x2000

static _Alignas(8) uint8_t file[BUF_SIZE];
static Elf64_Ehdr *const eh = (Elf64_Ehdr *)file;
static Elf64_Phdr *const ph = (Elf64_Phdr *)(file + sizeof(Elf64_Ehdr));
static struct elf_image img;
static void *copy;

/* A two-segment executable: text (R-X) at TEXT_VA, then data (RW-) with bss. */
static void build_valid(void)
{
	size_t i;

	memset(file, 0, sizeof(file));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = TEXT_VA + 0x10;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 2;
	ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = TEXT_OFF,
			      .p_vaddr = TEXT_VA, .p_filesz = TEXT_LEN, .p_memsz = TEXT_LEN };
	ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = DATA_OFF,
			      .p_vaddr = DATA_VA, .p_filesz = DATA_LEN, .p_memsz = DATA_MEM };
	for (i = 0; i < TEXT_LEN + DATA_LEN; i++)
		file[TEXT_OFF + i] = (uint8_t)(i * 7 + 1);
}

static void teardown(void)
{
	free(copy);
	copy = NULL;
}

static int parse(size_t size, uint64_t limit)
{
	free(copy);
	copy = unit_dup(file, size);
	return elf_parse(&img, copy, size, limit);
}

static void expect_refused(size_t size, uint64_t limit, const char *why)
{
	ck_assert_int_eq(parse(size, limit), -SHALE_ENOEXEC);
	ck_assert_ptr_nonnull(img.error);
	ck_assert_str_eq(img.error, why);
	ck_assert_uint_eq(img.nr_segments, 0);
}

static void expect_ok(size_t size, uint64_t limit)
{
	ck_assert_int_eq(parse(size, limit), 0);
	ck_assert_ptr_null(img.error);
}

START_TEST(valid_image_parses)
{
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_ptr_eq(img.data, copy);
	ck_assert_uint_eq(img.size, FILE_SIZE);
	ck_assert_uint_eq(img.entry, TEXT_VA + 0x10);
	ck_assert_uint_eq(img.vstart, TEXT_VA);
	ck_assert_uint_eq(img.vend, DATA_VA + DATA_MEM);
	ck_assert_uint_eq(img.nr_segments, 2);
	ck_assert_uint_eq(img.segments[0].vaddr, TEXT_VA);
	ck_assert_uint_eq(img.segments[0].offset, TEXT_OFF);
	ck_assert_uint_eq(img.segments[0].filesz, TEXT_LEN);
	ck_assert_uint_eq(img.segments[0].memsz, TEXT_LEN);
	ck_assert_uint_eq(img.segments[0].flags, ELF_SEG_R | ELF_SEG_X);
	ck_assert_uint_eq(img.segments[1].flags, ELF_SEG_R | ELF_SEG_W);
	ck_assert_uint_eq(img.segments[1].memsz, DATA_MEM);
}
END_TEST

START_TEST(bounds_round_to_pages)
{
	ph[0].p_vaddr = TEXT_VA + 0x123;
	eh->e_entry = TEXT_VA + 0x130;
	ph[1].p_memsz = 0x801;
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_uint_eq(img.vstart, TEXT_VA);
	ck_assert_uint_eq(img.vend, DATA_VA + 0x1000);
}
END_TEST

START_TEST(other_headers_are_ignored)
{
	/* A PT_NOTE with nonsense offsets, and an empty PT_LOAD, load nothing. */
	eh->e_phnum = 4;
	ph[2] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = UINT64_MAX, .p_filesz = 99,
			      .p_vaddr = UINT64_MAX, .p_memsz = 1 };
	ph[3] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = UINT64_MAX, .p_vaddr = TEXT_VA };
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_uint_eq(img.nr_segments, 2);
}
END_TEST

START_TEST(unaligned_file_parses)
{
	static _Alignas(8) uint8_t shifted[BUF_SIZE + 1];

	memcpy(shifted + 1, file, FILE_SIZE);
	ck_assert_int_eq(elf_parse(&img, shifted + 1, FILE_SIZE, LIMIT), 0);
	ck_assert_uint_eq(img.entry, TEXT_VA + 0x10);
}
END_TEST

START_TEST(refuses_short_file)
{
	expect_refused(sizeof(Elf64_Ehdr) - 1, LIMIT, "file too small");
	expect_refused(0, LIMIT, "file too small");
}
END_TEST

START_TEST(refuses_bad_magic)
{
	file[1] = 'e';
	expect_refused(FILE_SIZE, LIMIT, "bad magic");
}
END_TEST

START_TEST(refuses_elf32)
{
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	expect_refused(FILE_SIZE, LIMIT, "not ELF64");
}
END_TEST

START_TEST(refuses_big_endian)
{
	eh->e_ident[EI_DATA] = ELFDATA2MSB;
	expect_refused(FILE_SIZE, LIMIT, "not little-endian");
}
END_TEST

START_TEST(refuses_bad_version)
{
	eh->e_ident[EI_VERSION] = 2;
	expect_refused(FILE_SIZE, LIMIT, "bad ELF version");
	build_valid();
	eh->e_version = 0;
	expect_refused(FILE_SIZE, LIMIT, "bad ELF version");
}
END_TEST

START_TEST(refuses_non_executable)
{
	eh->e_type = ET_DYN;
	expect_refused(FILE_SIZE, LIMIT, "not an executable");
	eh->e_type = ET_REL;
	expect_refused(FILE_SIZE, LIMIT, "not an executable");
}
END_TEST

START_TEST(refuses_other_machine)
{
	eh->e_machine = EM_AARCH64;
	expect_refused(FILE_SIZE, LIMIT, "not x86_64");
	eh->e_machine = EM_386;
	expect_refused(FILE_SIZE, LIMIT, "not x86_64");
}
END_TEST

START_TEST(refuses_bad_phentsize)
{
	eh->e_phentsize = sizeof(Elf64_Phdr) - 1;
	expect_refused(FILE_SIZE, LIMIT, "bad program header size");
	eh->e_phentsize = sizeof(Elf64_Phdr) + 8;
	expect_refused(FILE_SIZE, LIMIT, "bad program header size");
}
END_TEST

START_TEST(refuses_pn_xnum)
{
	eh->e_phnum = PN_XNUM;
	expect_refused(FILE_SIZE, LIMIT, "too many program headers");
}
END_TEST

START_TEST(refuses_phdrs_past_end)
{
	/* The table's last byte one past the end of the file. */
	expect_refused(sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr) - 1, LIMIT,
		       "program headers outside the file");
	eh->e_phoff = FILE_SIZE;
	expect_refused(FILE_SIZE, LIMIT, "program headers outside the file");
	eh->e_phoff = FILE_SIZE + 1;
	eh->e_phnum = 0;
	expect_refused(FILE_SIZE, LIMIT, "program headers outside the file");
}
END_TEST

START_TEST(refuses_phoff_wrapping)
{
	/* phoff + phnum * phentsize wraps to a small number if added blindly. */
	eh->e_phoff = UINT64_MAX - sizeof(Elf64_Phdr) + 1;
	expect_refused(FILE_SIZE, LIMIT, "program headers outside the file");
	eh->e_phoff = UINT64_MAX;
	expect_refused(FILE_SIZE, LIMIT, "program headers outside the file");
}
END_TEST

START_TEST(refuses_huge_phnum)
{
	eh->e_phnum = 0xfffe;
	expect_refused(FILE_SIZE, LIMIT, "program headers outside the file");
}
END_TEST

START_TEST(refuses_no_load_segment)
{
	eh->e_phnum = 0;
	expect_refused(FILE_SIZE, LIMIT, "no loadable segment");
	eh->e_phnum = 2;
	ph[0].p_type = PT_NOTE;
	ph[1].p_type = PT_GNU_STACK;
	expect_refused(FILE_SIZE, LIMIT, "no loadable segment");
	ph[0].p_type = PT_LOAD;
	ph[0].p_memsz = ph[0].p_filesz = 0;
	expect_refused(FILE_SIZE, LIMIT, "no loadable segment");
}
END_TEST

/* n small executable PT_LOADs, a page apart, sharing the text bytes. */
static void build_many(unsigned int n)
{
	unsigned int i;

	eh->e_phnum = n;
	for (i = 0; i < n; i++)
		ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
				      .p_offset = TEXT_OFF, .p_vaddr = TEXT_VA + i * 0x1000ULL,
				      .p_filesz = 0x20, .p_memsz = 0x20 };
}

START_TEST(accepts_max_segments)
{
	build_many(ELF_MAX_LOAD_SEGMENTS);
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_uint_eq(img.nr_segments, ELF_MAX_LOAD_SEGMENTS);
	ck_assert_uint_eq(img.vend, TEXT_VA + ELF_MAX_LOAD_SEGMENTS * 0x1000ULL);
}
END_TEST

START_TEST(refuses_too_many_segments)
{
	build_many(ELF_MAX_LOAD_SEGMENTS + 1);
	expect_refused(FILE_SIZE, LIMIT, "too many segments");
}
END_TEST

START_TEST(refuses_filesz_over_memsz)
{
	ph[1].p_memsz = DATA_LEN - 1;
	expect_refused(FILE_SIZE, LIMIT, "filesz larger than memsz");
}
END_TEST

START_TEST(refuses_segment_past_end)
{
	expect_refused(FILE_SIZE - 1, LIMIT, "segment bytes outside the file");
	build_valid();
	ph[1].p_offset = FILE_SIZE + 1;
	ph[1].p_filesz = 0;
	expect_refused(FILE_SIZE, LIMIT, "segment bytes outside the file");
}
END_TEST

START_TEST(refuses_segment_offset_wrapping)
{
	/* offset + filesz wraps to 0x10: inside the file if added blindly. */
	ph[1].p_offset = UINT64_MAX - 0x10 + 1;
	expect_refused(FILE_SIZE, LIMIT, "segment bytes outside the file");
	build_valid();
	ph[1].p_filesz = UINT64_MAX;
	ph[1].p_memsz = UINT64_MAX;
	expect_refused(FILE_SIZE, LIMIT, "segment bytes outside the file");
}
END_TEST

START_TEST(accepts_segment_ending_at_file_end)
{
	ph[1].p_offset = FILE_SIZE;
	ph[1].p_filesz = 0;
	expect_ok(FILE_SIZE, LIMIT);
}
END_TEST

START_TEST(refuses_segment_above_limit)
{
	/* Ending exactly at the limit is fine; one byte more is not. */
	expect_ok(FILE_SIZE, DATA_VA + DATA_MEM);
	expect_refused(FILE_SIZE, DATA_VA + DATA_MEM - 1, "segment above the limit");
	ph[1].p_vaddr = LIMIT;
	expect_refused(FILE_SIZE, LIMIT, "segment above the limit");
}
END_TEST

START_TEST(refuses_segment_wrapping)
{
	/* vaddr + memsz wraps past zero; no limit can make that valid. */
	ph[1].p_vaddr = UINT64_MAX - 0x10;
	expect_refused(FILE_SIZE, UINT64_MAX, "segment above the limit");
	build_valid();
	ph[1].p_memsz = UINT64_MAX;
	expect_refused(FILE_SIZE, UINT64_MAX, "segment above the limit");
}
END_TEST

START_TEST(refuses_vend_wrapping)
{
	/* Fits below an all-ones limit, but the page-rounded end would wrap. */
	ph[1].p_vaddr = UINT64_MAX - DATA_MEM - 0x10;
	expect_refused(FILE_SIZE, UINT64_MAX, "segment above the limit");
}
END_TEST

START_TEST(refuses_overlap)
{
	ph[1].p_vaddr = TEXT_VA + TEXT_LEN - 1;
	expect_refused(FILE_SIZE, LIMIT, "segments overlap");
	ph[1].p_vaddr = TEXT_VA - DATA_MEM + 1;
	expect_refused(FILE_SIZE, LIMIT, "segments overlap");
	ph[1].p_vaddr = TEXT_VA;
	expect_refused(FILE_SIZE, LIMIT, "segments overlap");
	/* The text segment wholly inside the data segment's bss. */
	ph[1].p_vaddr = TEXT_VA - 0x10;
	expect_refused(FILE_SIZE, LIMIT, "segments overlap");
}
END_TEST

START_TEST(accepts_adjacent_segments)
{
	ph[1].p_vaddr = TEXT_VA + TEXT_LEN;
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_uint_eq(img.vend, TEXT_VA + 0x2000);
}
END_TEST

START_TEST(refuses_entry_outside_code)
{
	eh->e_entry = DATA_VA;
	expect_refused(FILE_SIZE, LIMIT, "entry point outside code");
	eh->e_entry = TEXT_VA + TEXT_LEN;
	expect_refused(FILE_SIZE, LIMIT, "entry point outside code");
	eh->e_entry = TEXT_VA - 1;
	expect_refused(FILE_SIZE, LIMIT, "entry point outside code");
	eh->e_entry = 0;
	expect_refused(FILE_SIZE, LIMIT, "entry point outside code");
	eh->e_entry = TEXT_VA + TEXT_LEN - 1;
	expect_ok(FILE_SIZE, LIMIT);
}
END_TEST

START_TEST(refuses_entry_in_non_executable_text)
{
	ph[0].p_flags = PF_R;
	expect_refused(FILE_SIZE, LIMIT, "entry point outside code");
}
END_TEST

/* A fake guest: memory from TEXT_VA, plus a log of every copy call. */
#define GUEST_SIZE	0x3000
#define MAX_CALLS	8

struct fake_guest {
	uint8_t mem[GUEST_SIZE];
	struct {
		uint64_t vaddr;
		size_t len;
		int zero;
	} calls[MAX_CALLS];
	unsigned int nr_calls;
	unsigned int fail_at;	/* 1-based call to fail, 0 for none */
};

static int guest_copy(void *ctx, uint64_t vaddr, const void *src, size_t len)
{
	struct fake_guest *g = ctx;
	unsigned int n = g->nr_calls++;

	ck_assert_uint_lt(n, MAX_CALLS);
	g->calls[n].vaddr = vaddr;
	g->calls[n].len = len;
	g->calls[n].zero = src == NULL;
	if (g->fail_at == n + 1)
		return -SHALE_EFAULT;
	ck_assert_uint_ge(vaddr, TEXT_VA);
	ck_assert_uint_le(vaddr - TEXT_VA + len, GUEST_SIZE);
	if (src)
		memcpy(&g->mem[vaddr - TEXT_VA], src, len);
	else
		memset(&g->mem[vaddr - TEXT_VA], 0, len);
	return 0;
}

START_TEST(load_copies_and_zeroes)
{
	static struct fake_guest g;
	size_t i;

	memset(g.mem, 0xaa, sizeof(g.mem));
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_int_eq(elf_load(&img, guest_copy, &g), 0);

	ck_assert_uint_eq(g.nr_calls, 3);
	ck_assert_uint_eq(g.calls[0].vaddr, TEXT_VA);
	ck_assert_uint_eq(g.calls[0].len, TEXT_LEN);
	ck_assert_int_eq(g.calls[0].zero, 0);
	ck_assert_uint_eq(g.calls[1].vaddr, DATA_VA);
	ck_assert_uint_eq(g.calls[1].len, DATA_LEN);
	ck_assert_uint_eq(g.calls[2].vaddr, DATA_VA + DATA_LEN);
	ck_assert_uint_eq(g.calls[2].len, DATA_MEM - DATA_LEN);
	ck_assert_int_eq(g.calls[2].zero, 1);

	ck_assert_mem_eq(g.mem, file + TEXT_OFF, TEXT_LEN);
	ck_assert_mem_eq(g.mem + (DATA_VA - TEXT_VA), file + DATA_OFF, DATA_LEN);
	for (i = DATA_VA + DATA_LEN - TEXT_VA; i < DATA_VA + DATA_MEM - TEXT_VA; i++)
		ck_assert_uint_eq(g.mem[i], 0);
	/* The gap between the segments is not the loader's to touch. */
	ck_assert_uint_eq(g.mem[TEXT_LEN], 0xaa);
	ck_assert_uint_eq(g.mem[GUEST_SIZE - 1], 0xaa);
}
END_TEST

START_TEST(load_stops_on_copy_error)
{
	static struct fake_guest g;

	g.fail_at = 2;
	expect_ok(FILE_SIZE, LIMIT);
	ck_assert_int_eq(elf_load(&img, guest_copy, &g), -SHALE_EFAULT);
	ck_assert_uint_eq(g.nr_calls, 2);
}
END_TEST

START_TEST(load_of_refused_image_copies_nothing)
{
	static struct fake_guest g;

	eh->e_entry = DATA_VA;
	expect_refused(FILE_SIZE, LIMIT, "entry point outside code");
	ck_assert_int_eq(elf_load(&img, guest_copy, &g), 0);
	ck_assert_uint_eq(g.nr_calls, 0);
}
END_TEST

/* Whatever the bytes, a parse either fails cleanly or describes a sane image. */
static void check_invariants(size_t size, uint64_t limit)
{
	unsigned int i, j;

	ck_assert_uint_ge(img.nr_segments, 1);
	ck_assert_uint_le(img.nr_segments, ELF_MAX_LOAD_SEGMENTS);
	for (i = 0; i < img.nr_segments; i++) {
		const struct elf_segment *s = &img.segments[i];

		ck_assert_uint_le(s->filesz, s->memsz);
		ck_assert_uint_le(s->offset + s->filesz, size);
		ck_assert_uint_le(s->vaddr + s->memsz, limit);
		ck_assert_uint_ge(s->vaddr, img.vstart);
		ck_assert_uint_le(s->vaddr + s->memsz, img.vend);
		for (j = 0; j < i; j++)
			ck_assert(s->vaddr + s->memsz <= img.segments[j].vaddr ||
				  img.segments[j].vaddr + img.segments[j].memsz <= s->vaddr);
	}
}

#define HEADERS_SIZE	(sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr))

START_TEST(fuzz_headers)
{
	uint64_t seed = 0x5eed1e1f;
	unsigned int round, k;
	int rc;

	for (round = 0; round < 20000; round++) {
		build_valid();
		for (k = 0; k < 1 + unit_rand(&seed) % 4; k++) {
			size_t at = unit_rand(&seed) % HEADERS_SIZE;
			uint64_t v = unit_rand(&seed);

			/* Mostly flip bits; sometimes plant an extreme 64-bit value. */
			if (v & 1)
				file[at] ^= (uint8_t)(1u << ((v >> 1) % 8));
			else
				memcpy(&file[at & ~7ul], &v, sizeof(v));
		}
		rc = parse(FILE_SIZE, LIMIT);
		ck_assert(rc == 0 || rc == -SHALE_ENOEXEC);
		if (rc == 0)
			check_invariants(FILE_SIZE, LIMIT);
	}
}
END_TEST

#ifndef UNIT_HOSTCC
#define UNIT_HOSTCC "cc"
#endif

static int count_copy(void *ctx, uint64_t vaddr, const void *src, size_t len)
{
	const struct elf_image *parsed = ctx;

	ck_assert_uint_ge(vaddr, parsed->vstart);
	ck_assert_uint_le(vaddr + len, parsed->vend);
	return 0;
}

/* A real static executable from the host toolchain, built at run time. */
START_TEST(parses_real_executable)
{
	char dir[] = "/tmp/shale-elf-XXXXXX", cmd[512], path[64];
	uint8_t *data;
	size_t size;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "printf 'void _start(void){for(;;);}\\nint x = 1;\\nchar b[8192];\\n' > %s/k.c"
		 " && %s -O1 -nostdlib -static -no-pie -o %s/k %s/k.c",
		 dir, UNIT_HOSTCC, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/k", dir);
	data = unit_slurp(path, &size);
	unit_remove_tree(dir);

	ck_assert_int_eq(elf_parse(&img, data, size, LIMIT), 0);
	ck_assert_uint_eq(img.entry, ((Elf64_Ehdr *)data)->e_entry);
	ck_assert_uint_ge(img.nr_segments, 1);
	ck_assert_uint_eq(img.vstart % 4096, 0);
	ck_assert_uint_eq(img.vend % 4096, 0);
	ck_assert_int_eq(elf_load(&img, count_copy, &img), 0);
	free(data);
}
END_TEST

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *ok = tcase_create("accepts");
	TCase *bad = tcase_create("refuses");
	TCase *load = tcase_create("load");
	TCase *robust = tcase_create("robustness");

	tcase_add_checked_fixture(ok, build_valid, teardown);
	tcase_add_test(ok, valid_image_parses);
	tcase_add_test(ok, bounds_round_to_pages);
	tcase_add_test(ok, other_headers_are_ignored);
	tcase_add_test(ok, unaligned_file_parses);
	tcase_add_test(ok, accepts_max_segments);
	tcase_add_test(ok, accepts_segment_ending_at_file_end);
	tcase_add_test(ok, accepts_adjacent_segments);
	suite_add_tcase(s, ok);

	tcase_add_checked_fixture(bad, build_valid, teardown);
	tcase_add_test(bad, refuses_short_file);
	tcase_add_test(bad, refuses_bad_magic);
	tcase_add_test(bad, refuses_elf32);
	tcase_add_test(bad, refuses_big_endian);
	tcase_add_test(bad, refuses_bad_version);
	tcase_add_test(bad, refuses_non_executable);
	tcase_add_test(bad, refuses_other_machine);
	tcase_add_test(bad, refuses_bad_phentsize);
	tcase_add_test(bad, refuses_pn_xnum);
	tcase_add_test(bad, refuses_phdrs_past_end);
	tcase_add_test(bad, refuses_phoff_wrapping);
	tcase_add_test(bad, refuses_huge_phnum);
	tcase_add_test(bad, refuses_no_load_segment);
	tcase_add_test(bad, refuses_too_many_segments);
	tcase_add_test(bad, refuses_filesz_over_memsz);
	tcase_add_test(bad, refuses_segment_past_end);
	tcase_add_test(bad, refuses_segment_offset_wrapping);
	tcase_add_test(bad, refuses_segment_above_limit);
	tcase_add_test(bad, refuses_segment_wrapping);
	tcase_add_test(bad, refuses_vend_wrapping);
	tcase_add_test(bad, refuses_overlap);
	tcase_add_test(bad, refuses_entry_outside_code);
	tcase_add_test(bad, refuses_entry_in_non_executable_text);
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(load, build_valid, teardown);
	tcase_add_test(load, load_copies_and_zeroes);
	tcase_add_test(load, load_stops_on_copy_error);
	tcase_add_test(load, load_of_refused_image_copies_nothing);
	suite_add_tcase(s, load);

	tcase_add_checked_fixture(robust, build_valid, teardown);
	tcase_add_test(robust, fuzz_headers);
	tcase_add_test(robust, parses_real_executable);
	tcase_set_timeout(robust, 60);
	suite_add_tcase(s, robust);
	return s;
}
