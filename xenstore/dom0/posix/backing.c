/* SPDX-License-Identifier: MIT */
/* Where the memory file system's pages come from in dom0: guest-kernel's page allocator. */
#include <mm.h>
#include "memfs.h"

/*
 * Pages the memory file system always leaves to the rest of dom0 (its
 * heap, thread stacks, the toolstack's mappings): a file that would dip
 * into them gets ENOSPC instead, so a full store cannot starve dom0.
 */
#define MEMFS_RESERVE_PAGES	2048UL	/* 8 MiB */

_Static_assert(MEMFS_PAGE_SIZE == PAGE_SIZE, "memfs pages are guest pages");

void *memfs_pages_alloc(unsigned long n)
{
	struct mm_stats st;

	mm_get_stats(&st);
	if (n > st.free || st.free - n < MEMFS_RESERVE_PAGES)
		return NULL;
	return alloc_pages(n);
}

void memfs_pages_free(void *p, unsigned long n)
{
	free_pages(p, n);
}
