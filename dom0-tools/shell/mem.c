/* SPDX-License-Identifier: MIT */
/* Built-ins about memory: meminfo, malloc-test, map-test, foreign-test. */
#include <stdint.h>
#include <console.h>
#include <hypercall.h>
#include <kernel.h>
#include <malloc.h>
#include <mm.h>
#include <pagetable.h>
#include <string.h>
#include <traps.h>
#include "builtins.h"
#include "shell.h"

#define MALLOC_TEST_DEFAULT	1000UL
#define MALLOC_TEST_MAX		100000UL

static void print_reservation(void)
{
	shale_domid_t self = SHALE_DOMID_SELF;
	long cur = HYPERVISOR_memory_op(SHALE_MEMOP_current_reservation, &self);
	long max = HYPERVISOR_memory_op(SHALE_MEMOP_maximum_reservation, &self);

	if (cur < 0 || max < 0)
		printf("reservation: unknown (error %ld)\n", cur < 0 ? cur : max);
	else
		printf("reservation: %ld frames owned, at most %ld\n", cur, max);
}

static void print_traps(void)
{
	unsigned long v, n;

	printf("traps: %s", traps_installed() ? "table installed" : "no table (notraps)");
	for (v = 0; v < TRAP_NR_VECTORS; v++) {
		n = trap_count(v);
		if (n)
			printf(", vector %lu: %lu", v, n);
	}
	printf("\n");
}

int cmd_meminfo(int argc, char **argv)
{
	struct malloc_stats ms;
	struct mm_stats st;

	if (argc != 1)
		return shell_usage(shell_find("meminfo"));
	mm_get_stats(&st);
	malloc_get_stats(&ms);
	printf("pages: %lu total (%lu MiB), %lu managed by the allocator, %lu free "
	       "(bitmap %lu page(s))\n", st.nr_pages, st.nr_pages >> (20 - PAGE_SHIFT),
	       st.managed, st.free, st.bitmap_pages);
	print_reservation();
	printf("page tables: L4 mfn %#llx, %lu table frames, %lu bootstrap frames freed\n",
	       (unsigned long long)pt_l4_mfn(), pt_nr_frames(), pt_bootstrap_freed());
	printf("malloc: %lu arena(s), %lu pages; in use %lu blocks, %lu bytes; "
	       "free %lu blocks, %lu bytes; %lu mallocs, %lu frees\n", ms.arenas, ms.arena_pages,
	       ms.used_blocks, ms.used_bytes, ms.free_blocks, ms.free_bytes, ms.nr_malloc,
	       ms.nr_free);
	print_traps();
	return 0;
}

/* malloc-test: blocks of varied sizes, each filled with a pattern only it has. */
struct test_block {
	unsigned char *p;
	size_t size;
	uint32_t seed;
};

static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

/* Mostly small blocks, some medium, a few larger than an arena. */
static size_t random_size(void)
{
	uint32_t r = rng() % 100;

	if (r < 70)
		return rng() % 256;
	if (r < 97)
		return 256 + rng() % 8192;
	return MALLOC_ARENA_PAGES * PAGE_SIZE + rng() % (4 * PAGE_SIZE);
}

static unsigned char pattern(uint32_t seed, size_t i)
{
	return (unsigned char)(seed + i * 131 + (i >> 8));
}

static int fill(struct test_block *b, size_t size)
{
	b->size = size;
	b->seed = rng();
	b->p = malloc(size);
	if (!b->p)
		return -1;
	for (size_t i = 0; i < size; i++)
		b->p[i] = pattern(b->seed, i);
	return 0;
}

/* Offset of the first byte of b that lost its pattern, or -1 when all are intact. */
static long corrupt_at(const struct test_block *b, size_t len)
{
	if ((uintptr_t)b->p % MALLOC_ALIGN)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (b->p[i] != pattern(b->seed, i))
			return (long)i;
	return -1;
}

static int check_all(struct test_block *blocks, unsigned long n, const char *phase)
{
	for (unsigned long i = 0; i < n; i++) {
		long off;

		if (!blocks[i].p)
			continue;
		off = corrupt_at(&blocks[i], blocks[i].size);
		if (off >= 0) {
			printf("malloc-test: FAILED after %s: block %lu (%zu bytes at %p) "
			       "wrong at offset %ld\n", phase, i, blocks[i].size, blocks[i].p,
			       off);
			return 1;
		}
	}
	return 0;
}

/* Frees the odd blocks, then refills them with new sizes; grows every fourth with realloc. */
static int churn(struct test_block *blocks, unsigned long n)
{
	for (unsigned long i = 1; i < n; i += 2) {
		free(blocks[i].p);
		blocks[i].p = NULL;
	}
	if (check_all(blocks, n, "freeing half"))
		return 1;
	for (unsigned long i = 1; i < n; i += 2)
		if (fill(&blocks[i], random_size()))
			return -1;
	for (unsigned long i = 0; i < n; i += 4) {
		size_t grow = blocks[i].size + 1 + rng() % 2048;
		unsigned char *p = realloc(blocks[i].p, grow);

		if (!p)
			return -1;
		blocks[i].p = p;
		if (corrupt_at(&blocks[i], blocks[i].size) >= 0) {
			printf("malloc-test: FAILED: realloc lost the contents of block %lu\n", i);
			return 1;
		}
		for (size_t j = blocks[i].size; j < grow; j++)
			p[j] = pattern(blocks[i].seed, j);
		blocks[i].size = grow;
	}
	return check_all(blocks, n, "refilling");
}

/* Frees every block in an order unlike the allocation order (a stride coprime to n). */
static void free_scattered(struct test_block *blocks, unsigned long n)
{
	unsigned long stride = 7919;	/* prime */

	while (n % stride == 0)
		stride += 2;
	for (unsigned long k = 0, i = 0; k < n; k++, i = (i + stride) % n) {
		free(blocks[i].p);
		blocks[i].p = NULL;
	}
}

static int parse_n(int argc, char **argv, unsigned long *n)
{
	char *end;

	*n = MALLOC_TEST_DEFAULT;
	if (argc == 1)
		return 0;
	*n = strtoul(argv[1], &end, 0);
	if (*end || end == argv[1] || *n == 0 || *n > MALLOC_TEST_MAX) {
		printf("malloc-test: N must be a number from 1 to %lu\n", MALLOC_TEST_MAX);
		return SHELL_STATUS_SYNTAX;
	}
	return 0;
}

static int malloc_test(struct test_block *blocks, unsigned long n)
{
	int rc;

	for (unsigned long i = 0; i < n; i++) {
		if (fill(&blocks[i], random_size())) {
			printf("malloc-test: out of memory at block %lu\n", i);
			return 1;
		}
	}
	if (check_all(blocks, n, "allocating"))
		return 1;
	rc = churn(blocks, n);
	if (rc < 0)
		printf("malloc-test: out of memory while refilling\n");
	return rc ? 1 : 0;
}

int cmd_malloc_test(int argc, char **argv)
{
	struct malloc_stats before, peak, after;
	struct mm_stats pages_before, pages_after;
	struct test_block *blocks;
	unsigned long n;
	int rc;

	if (argc > 2)
		return shell_usage(shell_find("malloc-test"));
	if (parse_n(argc, argv, &n))
		return SHELL_STATUS_SYNTAX;
	malloc_get_stats(&before);
	mm_get_stats(&pages_before);
	rng_state = (uint32_t)n;
	blocks = calloc(n, sizeof(*blocks));
	if (!blocks) {
		printf("malloc-test: cannot allocate the table of %lu blocks\n", n);
		return 1;
	}
	rc = malloc_test(blocks, n);
	malloc_get_stats(&peak);
	free_scattered(blocks, n);
	free(blocks);
	malloc_get_stats(&after);
	mm_get_stats(&pages_after);
	if (!rc && (after.used_blocks != before.used_blocks ||
		    after.used_bytes != before.used_bytes)) {
		printf("malloc-test: FAILED: %lu blocks / %lu bytes in use afterwards, "
		       "%lu / %lu before\n", after.used_blocks, after.used_bytes,
		       before.used_blocks, before.used_bytes);
		rc = 1;
	}
	if (!rc && pages_after.free != pages_before.free) {
		printf("malloc-test: FAILED: %lu pages free afterwards, %lu before\n",
		       pages_after.free, pages_before.free);
		rc = 1;
	}
	if (!rc)
		printf("malloc-test: %lu blocks OK (peak %lu arenas, %lu pages; "
		       "%lu bytes in use)\n", n, peak.arenas, peak.arena_pages, peak.used_bytes);
	return rc;
}

/* map-test: one page seen through two more addresses, and the mappings that must be refused. */
static int expect(const char *what, long got, long want)
{
	if (got == want)
		return 0;
	printf("map-test: FAILED: %s returned %ld, expected %ld\n", what, got, want);
	return 1;
}

static int map_aliases(unsigned char *page, uint64_t mfn)
{
	volatile unsigned char *ro = (unsigned char *)MAP_AREA_START;
	volatile unsigned char *rw = ro + PAGE_SIZE;
	int bad = 0;

	bad |= expect("map_frame(read-only alias)", map_frame((uintptr_t)ro, mfn, false), 0);
	bad |= expect("map_frame(writable alias)", map_frame((uintptr_t)rw, mfn, true), 0);
	if (bad)
		return 1;
	if (memcmp((const void *)ro, page, PAGE_SIZE)) {
		printf("map-test: FAILED: the read-only alias shows other bytes\n");
		return 1;
	}
	rw[100] = 0x5a;
	if (page[100] != 0x5a || ro[100] != 0x5a) {
		printf("map-test: FAILED: a write through the writable alias is not seen\n");
		return 1;
	}
	bad |= expect("unmap_frame(read-only alias)", unmap_frame((uintptr_t)ro), 0);
	bad |= expect("unmap_frame(writable alias)", unmap_frame((uintptr_t)rw), 0);
	bad |= expect("pt_lookup(unmapped alias)", (long)(pt_lookup((uintptr_t)ro) & 1), 0);
	bad |= expect("unmap_frame(unmapped alias)", unmap_frame((uintptr_t)ro), -SHALE_ENOENT);
	return bad;
}

/* A page table may be mapped read-only but never writable. */
static int map_table(void)
{
	uint64_t l4 = pt_l4_mfn();
	const uint64_t *alias = (const uint64_t *)MAP_AREA_START;
	const uint64_t *linear = mfn_to_virt(l4);
	int bad = 0;

	bad |= expect("map_frame(L4, writable)", map_frame(MAP_AREA_START, l4, true),
		      -SHALE_EBUSY);
	bad |= expect("map_frame(L4, read-only)", map_frame(MAP_AREA_START, l4, false), 0);
	if (!bad && (!linear || memcmp(alias, linear, PAGE_SIZE))) {
		printf("map-test: FAILED: the L4 alias differs from its linear mapping\n");
		bad = 1;
	}
	unmap_frame(MAP_AREA_START);
	bad |= expect("map_frame(inside the linear map)",
		      map_frame(start_info->virt_base, l4, false), -SHALE_EINVAL);
	return bad;
}

int cmd_map_test(int argc, char **argv)
{
	unsigned long tables = pt_nr_frames();
	unsigned char *page;
	int bad;

	if (argc != 1)
		return shell_usage(shell_find("map-test"));
	page = alloc_page();
	if (!page) {
		printf("map-test: no free page\n");
		return 1;
	}
	for (size_t i = 0; i < PAGE_SIZE; i++)
		page[i] = (unsigned char)(i * 7);
	bad = map_aliases(page, virt_to_mfn(page));
	bad |= map_table();
	free_page(page);
	if (!bad)
		printf("map-test: OK (%lu page-table frames created on demand)\n",
		       pt_nr_frames() - tables);
	return bad;
}

/*
 * foreign-test: the toolstack's foreign mappings. Without DOMID, through
 * our own frames (SHALE_DOMID_SELF) and the refusals; with DOMID, the
 * first pages of another domain, found through the M2P.
 */
#define FOREIGN_PROBE_VA	(MAP_AREA_START + 2 * PAGE_SIZE)
#define FOREIGN_PAGES		8

static int fexpect(const char *what, long got, long want)
{
	if (got == want)
		return 0;
	printf("foreign-test: FAILED: %s returned %ld, expected %ld\n", what, got, want);
	return 1;
}

static int foreign_frame_self(unsigned char *pages, const uint64_t *mfns)
{
	volatile unsigned char *alias = (unsigned char *)FOREIGN_PROBE_VA;
	int bad = fexpect("map_foreign_frame(SELF, writable)",
			  map_foreign_frame(FOREIGN_PROBE_VA, SHALE_DOMID_SELF, mfns[0], true), 0);

	if (bad)
		return 1;
	alias[10] = 0xa5;
	if (pages[10] != 0xa5) {
		printf("foreign-test: FAILED: a write through the foreign mapping is not seen\n");
		bad = 1;
	}
	bad |= fexpect("unmap_frame(foreign)", unmap_frame(FOREIGN_PROBE_VA), 0);
	bad |= fexpect("map_foreign_frame(no such domain)",
		       map_foreign_frame(FOREIGN_PROBE_VA, SHALE_DOMID_FIRST_RESERVED - 1, mfns[0],
					 false), -SHALE_ESRCH);
	bad |= fexpect("map_foreign_frame(inside the range area)",
		       map_foreign_frame(FOREIGN_AREA_START, SHALE_DOMID_SELF, mfns[0], false),
		       -SHALE_EINVAL);
	return bad;
}

static int foreign_range_self(const unsigned char *pages, const uint64_t *mfns, unsigned int n)
{
	uint64_t bad_mfns[3] = { mfns[0], mfns[1], pt_l4_mfn() };
	unsigned long mapped, extents, lost;
	unsigned char *va;
	int err, bad = 0;

	va = map_foreign_range(SHALE_DOMID_SELF, mfns, n, false, &err);
	if (!va)
		return fexpect("map_foreign_range(SELF)", err, 0);
	if (memcmp(va, pages, n * PAGE_SIZE)) {
		printf("foreign-test: FAILED: the range at %p shows other bytes\n", va);
		bad = 1;
	}
	bad |= fexpect("unmap_range", unmap_range(va, n), 0);
	bad |= fexpect("unmap_range(again)", unmap_range(va, n), -SHALE_EINVAL);
	/* The third frame (our L4) cannot be writable: the first two must be undone. */
	va = map_foreign_range(SHALE_DOMID_SELF, bad_mfns, 3, true, &err);
	bad |= fexpect("map_foreign_range(with the L4, writable)", va ? 0 : err, -SHALE_EBUSY);
	pt_range_stats(&mapped, &extents, &lost);
	bad |= fexpect("pages still mapped after the refusal", (long)mapped, 0);
	bad |= fexpect("free extents of the range area", (long)extents, 1);
	return bad;
}

static int foreign_self(void)
{
	unsigned char *pages = alloc_pages(3);
	uint64_t mfns[3];
	int bad;

	if (!pages) {
		printf("foreign-test: no free pages\n");
		return 1;
	}
	for (unsigned int i = 0; i < 3; i++)
		mfns[i] = virt_to_mfn(pages + i * PAGE_SIZE);
	for (size_t i = 0; i < 3 * PAGE_SIZE; i++)
		pages[i] = (unsigned char)(i * 13 + 1);
	bad = foreign_frame_self(pages, mfns);
	bad |= foreign_range_self(pages, mfns, 3);
	free_pages(pages, 3);
	if (!bad)
		printf("foreign-test: OK (own frames through foreign_dom, ranges, refusals)\n");
	return bad;
}

/* The frame domid owns at pfn, found by asking the hypervisor about each candidate in the M2P. */
static uint64_t find_foreign_frame(shale_domid_t domid, uint64_t pfn)
{
	uint64_t max = m2p_nr_entries();

	for (uint64_t mfn = 0; mfn < max; mfn++) {
		bool ok;

		if (mfn_to_pfn(mfn) != pfn)
			continue;
		if (pfn < start_info->nr_pages && pfn_to_mfn(pfn) == mfn)
			continue;	/* ours */
		ok = map_foreign_frame(FOREIGN_PROBE_VA, domid, mfn, false) == 0;
		unmap_frame(FOREIGN_PROBE_VA);
		if (ok)
			return mfn;
	}
	return SHALE_INVALID_PFN;
}

static int foreign_domain(shale_domid_t domid)
{
	uint64_t mfns[FOREIGN_PAGES];
	unsigned int same = 0;
	unsigned char *va;
	int err;

	for (unsigned int pfn = 0; pfn < FOREIGN_PAGES; pfn++) {
		mfns[pfn] = find_foreign_frame(domid, pfn);
		if (mfns[pfn] == SHALE_INVALID_PFN) {
			printf("foreign-test: d%u has no frame at pfn %u that we may map\n", domid,
			       pfn);
			return 1;
		}
	}
	va = map_foreign_range(domid, mfns, FOREIGN_PAGES, false, &err);
	if (!va)
		return fexpect("map_foreign_range", err, 0);
	for (unsigned int pfn = 0; pfn < FOREIGN_PAGES; pfn++)
		same += !memcmp(va + pfn * PAGE_SIZE, pfn_to_virt(pfn), PAGE_SIZE);
	if (fexpect("unmap_range", unmap_range(va, FOREIGN_PAGES), 0))
		return 1;
	printf("foreign-test: d%u: pfns 0-%u (mfn %#llx...) mapped at %p; %u of %u identical "
	       "to ours\n", domid, FOREIGN_PAGES - 1, (unsigned long long)mfns[0], va, same,
	       FOREIGN_PAGES);
	return 0;
}

int cmd_foreign_test(int argc, char **argv)
{
	unsigned long domid;
	char *end;

	if (argc > 2)
		return shell_usage(shell_find("foreign-test"));
	if (argc == 1)
		return foreign_self();
	domid = strtoul(argv[1], &end, 0);
	if (*end || end == argv[1] || domid >= SHALE_DOMID_FIRST_RESERVED) {
		printf("foreign-test: DOMID must be a domain id\n");
		return SHELL_STATUS_SYNTAX;
	}
	return foreign_domain((shale_domid_t)domid);
}
