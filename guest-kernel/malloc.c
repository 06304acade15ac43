/* SPDX-License-Identifier: MIT */
/* malloc/free/calloc/realloc: arenas of pages, boundary-tag blocks, one first-fit free list. */
#include <stdbool.h>
#include <stdint.h>
#include <console.h>
#include <kernel.h>
#include <malloc.h>
#include <mm.h>
#include <string.h>

#define USED		1UL	/* in block.size: the block is handed out */

/*
 * At the start of every arena. 32 bytes, so the first block's payload
 * (after its 16-byte header) stays 16-byte aligned.
 */
struct arena {
	struct arena *next, *prev;
	unsigned long pages;
	unsigned long pad;
};

/*
 * Before every block. Sizes count the header and are multiples of 16. The
 * last 16 bytes of an arena hold an end marker: a used block of size 0.
 */
struct block {
	size_t size;		/* this block's size | USED */
	size_t prev_size;	/* the block to the left's size; 0 for an arena's first */
};

/* A free block keeps its list links in what would be the payload. */
struct free_block {
	struct block hdr;
	struct free_block *next, *prev;
};

#define HDR		sizeof(struct block)
#define MIN_BLOCK	sizeof(struct free_block)

_Static_assert(sizeof(struct arena) % MALLOC_ALIGN == 0, "arena header keeps alignment");
_Static_assert(HDR == MALLOC_ALIGN, "block header keeps alignment");
_Static_assert(MIN_BLOCK % MALLOC_ALIGN == 0, "minimum block keeps alignment");

static struct arena *arenas;
static struct free_block *free_list;
static struct malloc_stats stats;

static size_t block_size(const struct block *b)
{
	return b->size & ~USED;
}

static bool block_used(const struct block *b)
{
	return b->size & USED;
}

static struct block *block_next(struct block *b)
{
	return (struct block *)((char *)b + block_size(b));
}

static struct block *block_prev(struct block *b)
{
	return (struct block *)((char *)b - b->prev_size);
}

static void list_insert(struct free_block *f)
{
	f->prev = NULL;
	f->next = free_list;
	if (free_list)
		free_list->prev = f;
	free_list = f;
	stats.free_blocks++;
	stats.free_bytes += block_size(&f->hdr);
}

static void list_remove(struct free_block *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else
		free_list = f->next;
	if (f->next)
		f->next->prev = f->prev;
	stats.free_blocks--;
	stats.free_bytes -= block_size(&f->hdr);
}

/* Sets b's size (keeping its flag) and tells the right neighbour. */
static void block_resize(struct block *b, size_t size, bool used)
{
	b->size = size | (used ? USED : 0);
	block_next(b)->prev_size = size;
}

/* Block size for a request: header plus payload, aligned; 0 when it cannot be. */
static size_t request_size(size_t size)
{
	if (size > SIZE_MAX / 2)
		return 0;
	size = (size + HDR + MALLOC_ALIGN - 1) & ~(size_t)(MALLOC_ALIGN - 1);
	return MAX(size, MIN_BLOCK);
}

/* A fresh arena holding one free block of at least need bytes. */
static bool arena_grow(size_t need)
{
	size_t overhead = sizeof(struct arena) + HDR;	/* arena header, end marker */
	unsigned long pages = MAX((unsigned long)MALLOC_ARENA_PAGES,
				  (unsigned long)(PAGE_ALIGN(need + overhead) >> PAGE_SHIFT));
	struct arena *a = alloc_pages(pages);
	struct block *first, *end;

	if (!a)
		return false;
	a->pages = pages;
	a->prev = NULL;
	a->next = arenas;
	if (arenas)
		arenas->prev = a;
	arenas = a;
	first = (struct block *)(a + 1);
	first->prev_size = 0;
	first->size = pages * PAGE_SIZE - overhead;
	end = block_next(first);
	end->size = 0 | USED;
	end->prev_size = block_size(first);
	list_insert((struct free_block *)first);
	stats.arenas++;
	stats.arena_pages += pages;
	return true;
}

static void arena_release(struct arena *a)
{
	if (a->prev)
		a->prev->next = a->next;
	else
		arenas = a->next;
	if (a->next)
		a->next->prev = a->prev;
	stats.arenas--;
	stats.arena_pages -= a->pages;
	free_pages(a, a->pages);
}

static struct free_block *find_fit(size_t need)
{
	struct free_block *f;

	for (f = free_list; f; f = f->next)
		if (block_size(&f->hdr) >= need)
			return f;
	return NULL;
}

/* Hands out the first need bytes of free block f; a large enough rest stays free. */
static void *take(struct free_block *f, size_t need)
{
	struct block *b = &f->hdr;
	size_t size = block_size(b);

	list_remove(f);
	if (size - need >= MIN_BLOCK) {
		struct block *rest;

		block_resize(b, need, true);
		rest = block_next(b);
		rest->prev_size = need;
		block_resize(rest, size - need, false);
		list_insert((struct free_block *)rest);
		size = need;
	} else {
		b->size = size | USED;
	}
	stats.used_blocks++;
	stats.used_bytes += size;
	stats.nr_malloc++;
	return b + 1;
}

void *malloc(size_t size)
{
	size_t need = request_size(size);
	struct free_block *f;

	if (!need)
		return NULL;
	f = find_fit(need);
	if (!f) {
		if (!arena_grow(need))
			return NULL;
		f = find_fit(need);
	}
	return take(f, need);
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		return NULL;
	p = malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

static __noreturn void bad_free(const void *ptr, const char *what)
{
	printk("malloc: free(%p): %s\n", ptr, what);
	guest_crash("heap corruption");
}

/* The header of ptr, after checks that catch wild pointers, double frees and overruns. */
static struct block *checked_block(const void *ptr)
{
	struct block *b = (struct block *)ptr - 1;
	size_t size;

	if (((uintptr_t)ptr & (MALLOC_ALIGN - 1)) || !mm_is_linear(b))
		bad_free(ptr, "not a heap pointer");
	size = block_size(b);
	if (!block_used(b))
		bad_free(ptr, "block is already free");
	if (size < MIN_BLOCK || size % MALLOC_ALIGN || !mm_is_linear((char *)b + size) ||
	    block_next(b)->prev_size != size)
		bad_free(ptr, "block header is corrupt");
	return b;
}

void free(void *ptr)
{
	struct block *b, *next;
	size_t size;

	if (!ptr)
		return;
	b = checked_block(ptr);
	size = block_size(b);
	stats.used_blocks--;
	stats.used_bytes -= size;
	stats.nr_free++;
	next = block_next(b);
	if (!block_used(next)) {
		list_remove((struct free_block *)next);
		size += block_size(next);
	}
	if (b->prev_size && !block_used(block_prev(b))) {
		b = block_prev(b);
		list_remove((struct free_block *)b);
		size += block_size(b);
	}
	block_resize(b, size, false);
	/* Wholly free: the first block, with the end marker right after it. */
	if (!b->prev_size && block_size(block_next(b)) == 0) {
		arena_release((struct arena *)b - 1);
		return;
	}
	list_insert((struct free_block *)b);
}

void *realloc(void *ptr, size_t size)
{
	size_t need, have;
	void *p;

	if (!ptr)
		return malloc(size);
	if (!size) {
		free(ptr);
		return NULL;
	}
	have = block_size(checked_block(ptr));
	need = request_size(size);
	if (need && need <= have)
		return ptr;
	p = malloc(size);
	if (!p)
		return NULL;
	memcpy(p, ptr, have - HDR);
	free(ptr);
	return p;
}

void malloc_get_stats(struct malloc_stats *st)
{
	*st = stats;
}

void malloc_init(void)
{
	arenas = NULL;
	free_list = NULL;
	memset(&stats, 0, sizeof(stats));
}
