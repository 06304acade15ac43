/* SPDX-License-Identifier: MIT */
/*
 * The kernel heap: malloc and friends on top of the page allocator.
 *
 * Memory comes from the page allocator in arenas (runs of at least
 * MALLOC_ARENA_PAGES pages, more for a large request). Every block has a
 * 16-byte header (its size and its left neighbour's size), so free() merges
 * a block with both neighbours at once; free blocks sit on one first-fit
 * list, and an arena that becomes wholly free goes back to the page
 * allocator. Pointers are 16-byte aligned. free() of a pointer malloc did
 * not return, or of a block already free, crashes the domain with the
 * reason: heap corruption is never silent.
 */
#ifndef SHALE_GUEST_MALLOC_H
#define SHALE_GUEST_MALLOC_H

#include <stddef.h>

#define MALLOC_ALIGN		16
#define MALLOC_ARENA_PAGES	16	/* 64 KiB */

/* Sets the heap up empty; arenas are taken on first use. Call after mm_init(). */
void malloc_init(void);

/* size bytes (a minimal block for 0), or NULL when memory runs out. */
void *malloc(size_t size);

/* nmemb * size zeroed bytes; NULL on overflow or when memory runs out. */
void *calloc(size_t nmemb, size_t size);

/*
 * Resizes ptr's block to size bytes, moving it if needed (the contents up
 * to the smaller size are kept). realloc(NULL, n) is malloc(n);
 * realloc(p, 0) frees p and returns NULL. On failure returns NULL and p
 * stays valid.
 */
void *realloc(void *ptr, size_t size);

/* Gives back a block from malloc/calloc/realloc; free(NULL) does nothing. */
void free(void *ptr);

struct malloc_stats {
	unsigned long arenas;		/* arenas held */
	unsigned long arena_pages;	/* pages they take */
	unsigned long used_blocks;	/* blocks handed out and not freed */
	unsigned long used_bytes;	/* their sizes, headers included */
	unsigned long free_blocks;	/* blocks on the free list */
	unsigned long free_bytes;	/* their sizes, headers included */
	unsigned long nr_malloc;	/* successful allocations since boot */
	unsigned long nr_free;		/* frees since boot */
};

void malloc_get_stats(struct malloc_stats *st);

#endif /* SHALE_GUEST_MALLOC_H */
