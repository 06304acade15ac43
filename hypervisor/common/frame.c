/* SPDX-License-Identifier: MIT */
/*
 * The frame table and the frame allocator.
 *
 * A bitmap (one bit per frame, set = free) answers "which frame is free"
 * with a next-fit search; the frame table answers "who owns this frame and
 * how is it used". Both live in RAM taken at boot, above the image and the
 * modules, and are reached through the direct map.
 */
#include <arch/page.h>
#include <string.h>
#include "bootinfo.h"
#include "frame.h"
#include "printk.h"
#include "spinlock.h"

struct page_info *frame_table;
uint64_t max_mfn;

static uint64_t *free_bitmap;
static uint64_t nr_free, nr_total;
static uint64_t search_hint = ~0ULL;	/* lowered by every mark_free() */
static spinlock_t frame_lock = SPINLOCK_INIT;

extern char _end[];

struct range {
	paddr_t start, end;
};

/* Physical ranges that hold something at boot and must not be handed out. */
static unsigned boot_reserved(struct range *r, unsigned max)
{
	unsigned n = 0;

	r[n++] = (struct range){ 0, 0x100000 };	/* real-mode area, BIOS, loader data */
	r[n++] = (struct range){ KERNEL_LOAD_PHYS, ROUND_UP(__pa(_end), PAGE_SIZE) };
	for (unsigned i = 0; i < boot_info.nr_modules && n < max; i++)
		r[n++] = (struct range){ ROUND_DOWN(boot_info.modules[i].start, PAGE_SIZE),
					  ROUND_UP(boot_info.modules[i].end, PAGE_SIZE) };
	return n;
}

static bool overlaps(paddr_t s, paddr_t e, const struct range *r, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (s < r[i].end && r[i].start < e)
			return true;
	return false;
}

/* First RAM below 4 GiB (already mapped at boot) with size free bytes. */
static paddr_t find_boot_space(uint64_t size, const struct range *res, unsigned nres)
{
	for (unsigned i = 0; i < boot_info.nr_ranges; i++) {
		const struct boot_range *b = &boot_info.ranges[i];
		paddr_t s = ROUND_UP(b->start, PAGE_SIZE);

		if (b->type != BOOT_RANGE_RAM)
			continue;
		for (; s + size <= b->end && s + size <= (4ULL << 30); s += PAGE_SIZE) {
			if (!overlaps(s, s + size, res, nres))
				return s;
		}
	}
	panic("no room for the frame table (%lu bytes)", size);
}

/*
 * search_hint is the lowest bitmap word that may hold a free frame: every
 * word below it is full. Allocation scans up from it; freeing lowers it.
 */
static void mark_free(mfn_t mfn)
{
	free_bitmap[mfn / 64] |= 1ULL << (mfn % 64);
	frame_table[mfn].owner = OWNER_FREE;
	nr_free++;
	if (mfn / 64 < search_hint)
		search_hint = mfn / 64;
}

void frame_init(void)
{
	struct range res[BOOT_MAX_MODULES + 4];
	unsigned nres = boot_reserved(res, ARRAY_SIZE(res) - 1);
	uint64_t top = 0, table_bytes, bitmap_bytes;
	paddr_t space;

	for (unsigned i = 0; i < boot_info.nr_ranges; i++)
		if (boot_info.ranges[i].type == BOOT_RANGE_RAM)
			top = MAX(top, boot_info.ranges[i].end);
	max_mfn = top >> PAGE_SHIFT;
	table_bytes = ROUND_UP(max_mfn * sizeof(struct page_info), PAGE_SIZE);
	bitmap_bytes = ROUND_UP((max_mfn + 63) / 64 * 8, PAGE_SIZE);
	space = find_boot_space(table_bytes + bitmap_bytes, res, nres);
	res[nres++] = (struct range){ space, space + table_bytes + bitmap_bytes };

	frame_table = __va(space);
	free_bitmap = __va(space + table_bytes);
	memset(frame_table, 0, table_bytes);
	memset(free_bitmap, 0, bitmap_bytes);
	for (mfn_t m = 0; m < max_mfn; m++)
		frame_table[m].owner = OWNER_HV;

	for (unsigned i = 0; i < boot_info.nr_ranges; i++) {
		const struct boot_range *b = &boot_info.ranges[i];

		if (b->type != BOOT_RANGE_RAM)
			continue;
		for (paddr_t p = ROUND_UP(b->start, PAGE_SIZE); p + PAGE_SIZE <= b->end;
		     p += PAGE_SIZE) {
			nr_total++;
			if (!overlaps(p, p + PAGE_SIZE, res, nres))
				mark_free(p >> PAGE_SHIFT);
		}
	}
	pr_info("memory: %lu MiB of RAM, %lu MiB free, frame table at %lx (%lu KiB)\n",
		nr_total >> 8, nr_free >> 8, space, table_bytes >> 10);
}

void frame_release_boot_range(paddr_t start, paddr_t end)
{
	unsigned long flags = spin_lock_irqsave(&frame_lock);

	for (paddr_t p = ROUND_UP(start, PAGE_SIZE); p + PAGE_SIZE <= end; p += PAGE_SIZE) {
		mfn_t mfn = p >> PAGE_SHIFT;

		if (mfn_valid(mfn) && frame_table[mfn].owner == OWNER_HV)
			mark_free(mfn);
	}
	spin_unlock_irqrestore(&frame_lock, flags);
}

static mfn_t find_free(void)
{
	uint64_t words = (max_mfn + 63) / 64;

	for (uint64_t w = search_hint; w < words; w++) {
		if (free_bitmap[w]) {
			search_hint = w;
			return w * 64 + __builtin_ctzll(free_bitmap[w]);
		}
	}
	search_hint = words;
	return INVALID_MFN;
}

mfn_t frame_alloc(uint16_t owner)
{
	unsigned long flags = spin_lock_irqsave(&frame_lock);
	mfn_t mfn = find_free();
	struct page_info *pg;

	if (mfn != INVALID_MFN) {
		free_bitmap[mfn / 64] &= ~(1ULL << (mfn % 64));
		nr_free--;
		pg = &frame_table[mfn];
		*pg = (struct page_info){ .owner = owner, .count = 1 };
	}
	spin_unlock_irqrestore(&frame_lock, flags);
	if (mfn != INVALID_MFN)
		memset(mfn_to_virt(mfn), 0, PAGE_SIZE);
	return mfn;
}

static bool run_is_free(mfn_t first, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (!(free_bitmap[(first + i) / 64] & (1ULL << ((first + i) % 64))))
			return false;
	return true;
}

mfn_t frame_alloc_contig(uint64_t n, uint16_t owner)
{
	unsigned long flags = spin_lock_irqsave(&frame_lock);
	mfn_t first = INVALID_MFN;

	for (mfn_t m = 0; n && m + n <= max_mfn; m++) {
		if (run_is_free(m, n)) {
			first = m;
			break;
		}
	}
	for (uint64_t i = 0; first != INVALID_MFN && i < n; i++) {
		free_bitmap[(first + i) / 64] &= ~(1ULL << ((first + i) % 64));
		frame_table[first + i] = (struct page_info){ .owner = owner, .count = 1 };
		nr_free--;
	}
	spin_unlock_irqrestore(&frame_lock, flags);
	if (first != INVALID_MFN)
		memset(mfn_to_virt(first), 0, n * PAGE_SIZE);
	return first;
}

void frame_free(mfn_t mfn)
{
	unsigned long flags = spin_lock_irqsave(&frame_lock);
	struct page_info *pg = &frame_table[mfn];

	ASSERT(mfn_valid(mfn) && pg->owner != OWNER_FREE);
	*pg = (struct page_info){ 0 };
	mark_free(mfn);
	spin_unlock_irqrestore(&frame_lock, flags);
}

uint64_t frame_free_count(void)
{
	return nr_free;
}

uint64_t frame_total_count(void)
{
	return nr_total;
}
