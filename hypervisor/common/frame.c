/* SPDX-License-Identifier: MIT */
/*
 * The frame table and the frame allocator.
 *
 * A bitmap (one bit per frame, set = free) answers "which frame is free"
 * with a next-fit search; the frame table answers "who owns this frame and
 * how is it used". Both live in RAM taken at boot, above the image and the
 * modules, and are reached through the direct map.
 *
 * A second bitmap marks the free frames known to hold only zeroes. Freed
 * frames (and all of RAM at boot) start dirty; the idle loop zeroes them
 * a few at a time (frame_scrub_some()), and allocation takes a clean frame
 * when there is one and zeroes a dirty one itself otherwise. Either way a
 * frame is all zeroes when it is handed out: nothing passes from one
 * owner to the next. Creating a 16 MiB guest no longer waits for 16 MiB
 * of memset, which under TCG was most of its time.
 */
#include <arch/page.h>
#include <string.h>
#include "bootinfo.h"
#include "frame.h"
#include "params.h"
#include "printk.h"
#include "spinlock.h"

struct page_info *frame_table;
uint64_t max_mfn;

static uint64_t *free_bitmap;
static uint64_t *clean_bitmap;		/* free and all zeroes; a subset of free_bitmap */
static uint64_t nr_free, nr_total, nr_clean;
static uint64_t search_hint = ~0ULL;	/* lowered by every mark_free() */
static uint64_t clean_hint = ~0ULL;	/* lowest word that may hold a clean frame */
static uint64_t scrub_hint = ~0ULL;	/* lowest word that may hold a dirty free frame */
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
	search_hint = MIN(search_hint, mfn / 64);
	scrub_hint = MIN(scrub_hint, mfn / 64);
}

static bool test_clean(mfn_t mfn)
{
	return clean_bitmap[mfn / 64] & (1ULL << (mfn % 64));
}

static void mark_clean(mfn_t mfn)
{
	clean_bitmap[mfn / 64] |= 1ULL << (mfn % 64);
	nr_clean++;
	clean_hint = MIN(clean_hint, mfn / 64);
}

/* Takes mfn out of the free pool; true when it was already zeroed. */
static bool take_free(mfn_t mfn)
{
	bool clean = test_clean(mfn);

	free_bitmap[mfn / 64] &= ~(1ULL << (mfn % 64));
	nr_free--;
	if (clean) {
		clean_bitmap[mfn / 64] &= ~(1ULL << (mfn % 64));
		nr_clean--;
	}
	return clean;
}

void frame_init(void)
{
	struct range res[BOOT_MAX_MODULES + 4];
	unsigned nres = boot_reserved(res, ARRAY_SIZE(res) - 1);
	uint64_t top = 0, table_bytes, bitmap_bytes, bitmaps_bytes;
	paddr_t space;

	for (unsigned i = 0; i < boot_info.nr_ranges; i++)
		if (boot_info.ranges[i].type == BOOT_RANGE_RAM)
			top = MAX(top, boot_info.ranges[i].end);
	max_mfn = top >> PAGE_SHIFT;
	table_bytes = ROUND_UP(max_mfn * sizeof(struct page_info), PAGE_SIZE);
	bitmap_bytes = ROUND_UP((max_mfn + 63) / 64 * 8, PAGE_SIZE);
	bitmaps_bytes = 2 * bitmap_bytes;
	space = find_boot_space(table_bytes + bitmaps_bytes, res, nres);
	res[nres++] = (struct range){ space, space + table_bytes + bitmaps_bytes };

	frame_table = __va(space);
	free_bitmap = __va(space + table_bytes);
	clean_bitmap = __va(space + table_bytes + bitmap_bytes);
	memset(frame_table, 0, table_bytes);
	memset(free_bitmap, 0, bitmap_bytes);
	memset(clean_bitmap, 0, bitmap_bytes);
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
		nr_total >> 8, nr_free >> 8, space, (table_bytes + bitmaps_bytes) >> 10);
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

/* Next-fit over bitmap from *hint (every word below it is empty). */
static mfn_t find_set_bit(const uint64_t *bitmap, uint64_t *hint)
{
	uint64_t words = (max_mfn + 63) / 64;

	for (uint64_t w = *hint; w < words; w++) {
		if (bitmap[w]) {
			*hint = w;
			return w * 64 + __builtin_ctzll(bitmap[w]);
		}
	}
	*hint = words;
	return INVALID_MFN;
}

/* A clean frame if there is one, else any free frame. */
static mfn_t find_free(void)
{
	mfn_t mfn = find_set_bit(clean_bitmap, &clean_hint);

	return mfn != INVALID_MFN ? mfn : find_set_bit(free_bitmap, &search_hint);
}

mfn_t frame_alloc(uint16_t owner)
{
	unsigned long flags = spin_lock_irqsave(&frame_lock);
	mfn_t mfn = find_free();
	bool clean = true;

	if (mfn != INVALID_MFN) {
		clean = take_free(mfn);
		frame_table[mfn] = (struct page_info){ .owner = owner, .count = 1 };
	}
	spin_unlock_irqrestore(&frame_lock, flags);
	if (!clean)
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
		take_free(first + i);
		frame_table[first + i] = (struct page_info){ .owner = owner, .count = 1 };
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

/*
 * Zeroes up to max dirty free frames, each under the lock with interrupts
 * off (a few microseconds); the caller opens a window for interrupts
 * between batches. Returns how many it zeroed: 0 when none is dirty.
 */
unsigned int frame_scrub_some(unsigned int max)
{
	unsigned int done = 0;

	while (done < max && opt_scrub_idle) {
		unsigned long flags = spin_lock_irqsave(&frame_lock);
		uint64_t words = (max_mfn + 63) / 64, w = scrub_hint, dirty = 0;

		for (; w < words; w++) {
			dirty = free_bitmap[w] & ~clean_bitmap[w];
			if (dirty)
				break;
		}
		scrub_hint = w;
		if (dirty) {
			mfn_t mfn = w * 64 + __builtin_ctzll(dirty);

			memset(mfn_to_virt(mfn), 0, PAGE_SIZE);
			mark_clean(mfn);
			done++;
		}
		spin_unlock_irqrestore(&frame_lock, flags);
		if (!dirty)
			break;
	}
	return done;
}

uint64_t frame_free_count(void)
{
	return nr_free;
}

uint64_t frame_dirty_count(void)
{
	return nr_free - nr_clean;
}

uint64_t frame_total_count(void)
{
	return nr_total;
}
