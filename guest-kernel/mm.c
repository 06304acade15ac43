/* SPDX-License-Identifier: MIT */
/* The page allocator (one bit per pfn) and the conversions between pfns, mfns and addresses. */
#include <console.h>
#include <hypercall.h>
#include <kernel.h>
#include <mm.h>
#include <pagetable.h>
#include <string.h>

#define BITS_PER_WORD	64

const uint64_t *p2m;

/* Bit set: the pfn is in use (allocated, or never given to the allocator). */
static uint64_t *bitmap;
static unsigned long bitmap_words, bitmap_pages;
static unsigned long nr_pages, managed, nr_free;
/* Where the next single-page search starts: allocation is mostly sequential. */
static unsigned long hint;
/* Entries in the M2P table (from memory_op machphys_mapping). */
static uint64_t m2p_entries;

uint64_t mfn_to_pfn(uint64_t mfn)
{
	if (mfn >= m2p_entries)
		return SHALE_INVALID_PFN;
	return ((const volatile uint64_t *)SHALE_M2P_VIRT_START)[mfn];
}

uint64_t m2p_nr_entries(void)
{
	return m2p_entries;
}

void *mfn_to_virt(uint64_t mfn)
{
	uint64_t pfn = mfn_to_pfn(mfn);

	if (pfn >= nr_pages || p2m[pfn] != mfn)
		return NULL;
	return pfn_to_virt(pfn);
}

bool mm_is_linear(const void *va)
{
	uintptr_t a = (uintptr_t)va;

	return a >= start_info->virt_base && virt_to_pfn(va) < nr_pages;
}

static bool pfn_used(unsigned long pfn)
{
	return bitmap[pfn / BITS_PER_WORD] & (1ULL << (pfn % BITS_PER_WORD));
}

static void mark_used(unsigned long pfn)
{
	bitmap[pfn / BITS_PER_WORD] |= 1ULL << (pfn % BITS_PER_WORD);
}

static void mark_free(unsigned long pfn)
{
	bitmap[pfn / BITS_PER_WORD] &= ~(1ULL << (pfn % BITS_PER_WORD));
}

/* The first free pfn at or after from, or nr_pages. Skips full words. */
static unsigned long next_free(unsigned long from)
{
	unsigned long pfn = from;

	while (pfn < nr_pages) {
		uint64_t w = bitmap[pfn / BITS_PER_WORD] | ((1ULL << (pfn % BITS_PER_WORD)) - 1);

		if (~w)
			return MIN(pfn - pfn % BITS_PER_WORD + __builtin_ctzll(~w), nr_pages);
		pfn = pfn - pfn % BITS_PER_WORD + BITS_PER_WORD;
	}
	return nr_pages;
}

/* First fit from start: the first pfn of a run of n free pages, or nr_pages. */
static unsigned long find_run(unsigned long start, unsigned long n)
{
	unsigned long pfn = next_free(start);

	while (pfn + n <= nr_pages) {
		unsigned long len = 1;

		while (len < n && !pfn_used(pfn + len))
			len++;
		if (len == n)
			return pfn;
		pfn = next_free(pfn + len);
	}
	return nr_pages;
}

void *alloc_pages(unsigned long n)
{
	unsigned long pfn, i;

	if (n == 0 || n > nr_free)
		return NULL;
	pfn = find_run(hint, n);
	if (pfn == nr_pages && hint)
		pfn = find_run(0, n);
	if (pfn == nr_pages)
		return NULL;
	for (i = 0; i < n; i++)
		mark_used(pfn + i);
	nr_free -= n;
	hint = pfn + n;
	return pfn_to_virt(pfn);
}

void *alloc_page(void)
{
	return alloc_pages(1);
}

void free_pages(void *va, unsigned long n)
{
	uint64_t pfn = virt_to_pfn(va);
	unsigned long i;

	if (((uintptr_t)va & (PAGE_SIZE - 1)) || !mm_is_linear(va) || pfn + n > nr_pages) {
		printk("mm: free_pages(%p, %lu): not pages of the linear mapping\n", va, n);
		guest_crash("free_pages: bad address");
	}
	for (i = 0; i < n; i++) {
		if (!pfn_used(pfn + i)) {
			printk("mm: free_pages(%p, %lu): pfn %#llx is already free\n", va, n,
			       (unsigned long long)(pfn + i));
			guest_crash("free_pages: double free");
		}
	}
	for (i = 0; i < n; i++)
		mark_free(pfn + i);
	nr_free += n;
	if (pfn < hint)
		hint = pfn;
}

void free_page(void *va)
{
	free_pages(va, 1);
}

void mm_add_free_pages(uint64_t first_pfn, unsigned long n)
{
	managed += n;
	free_pages(pfn_to_virt(first_pfn), n);
}

void mm_get_stats(struct mm_stats *st)
{
	st->nr_pages = nr_pages;
	st->managed = managed;
	st->free = nr_free;
	st->bitmap_pages = bitmap_pages;
}

/* Where the M2P is and how far it reaches: mfn_to_pfn() must not read past it. */
static void find_m2p(void)
{
	struct shale_machphys_mapping m;
	long rc = HYPERVISOR_memory_op(SHALE_MEMOP_machphys_mapping, &m);

	if (rc < 0) {
		printk("mm: memory_op machphys_mapping failed (error %ld)\n", rc);
		guest_crash("cannot find the M2P table");
	}
	if (m.v_start != SHALE_M2P_VIRT_START) {
		printk("mm: the M2P is at %#llx, not at %#llx\n", (unsigned long long)m.v_start,
		       (unsigned long long)SHALE_M2P_VIRT_START);
		guest_crash("M2P not where the ABI puts it");
	}
	m2p_entries = MIN(m.max_mfn, (m.v_end - m.v_start) / sizeof(uint64_t));
}

/*
 * The bitmap lives in the first free pages; every pfn starts used, then the
 * free range after the bitmap is released.
 */
static void page_alloc_init(void)
{
	uint64_t first_free = start_info->first_free_pfn;

	nr_pages = start_info->nr_pages;
	bitmap_words = (nr_pages + BITS_PER_WORD - 1) / BITS_PER_WORD;
	bitmap_pages = PAGE_ALIGN(bitmap_words * sizeof(uint64_t)) >> PAGE_SHIFT;
	if (first_free + bitmap_pages >= nr_pages) {
		printk("mm: no free pages (first free pfn %#llx of %lu)\n",
		       (unsigned long long)first_free, nr_pages);
		guest_crash("no memory for the page allocator");
	}
	bitmap = pfn_to_virt(first_free);
	memset(bitmap, 0xff, bitmap_pages * PAGE_SIZE);
	nr_free = 0;
	hint = first_free + bitmap_pages;
	mm_add_free_pages(hint, nr_pages - hint);
}

void mm_init(void)
{
	p2m = (const uint64_t *)(uintptr_t)start_info->mfn_list;
	find_m2p();
	page_alloc_init();
	pt_init();
}
