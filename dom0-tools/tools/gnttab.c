/* SPDX-License-Identifier: MIT */
/*
 * gnttab-test: the guest kernel's grant-table helpers (gnttab.h) end to
 * end, on grants dom0 makes to itself: grant, map writable and read-only
 * (the in-use flags show), end refused while mapped, copy both ways,
 * unmap, end. Prints one OK line, or what went wrong.
 */
#include <console.h>
#include <gnttab.h>
#include <mm.h>
#include <string.h>
#include "shell/builtins.h"
#include "shell/shell.h"

#define IN_USE	(SHALE_GTF_reading | SHALE_GTF_writing)

static int failed(const char *what, long got)
{
	printf("gnttab-test: FAILED: %s (%ld)\n", what, got);
	return 1;
}

static int map_and_end(long ref, uint64_t *page)
{
	uint32_t h_rw, h_ro;
	void *rw, *ro;
	int st;

	st = gnttab_map(0, (uint32_t)ref, false, &rw, &h_rw);
	if (st)
		return failed(gnttab_status_name(st), st);
	st = gnttab_map(0, (uint32_t)ref, true, &ro, &h_ro);
	if (st)
		return failed(gnttab_status_name(st), st);
	if ((gnttab_flags((uint32_t)ref) & IN_USE) != IN_USE)
		return failed("flags while mapped", gnttab_flags((uint32_t)ref));
	*(volatile uint64_t *)rw = 0x5a5a;
	if (page[0] != 0x5a5a || *(volatile uint64_t *)ro != 0x5a5a)
		return failed("a store through the mapping", (long)page[0]);
	if (gnttab_end_access((uint32_t)ref) != -SHALE_EBUSY)
		return failed("end_access while mapped", 0);
	if ((st = gnttab_unmap(rw, h_rw)) || (st = gnttab_unmap(ro, h_ro)))
		return failed(gnttab_status_name(st), st);
	if (gnttab_flags((uint32_t)ref) & IN_USE)
		return failed("flags after the unmaps", gnttab_flags((uint32_t)ref));
	return 0;
}

static int copies(long ref, uint64_t *page)
{
	uint64_t out[4] = { 1, 2, 3, 4 }, in[4] = { 0 };
	int st = gnttab_copy_to_grant(0, (uint32_t)ref, 64, out, sizeof(out));

	if (st)
		return failed(gnttab_status_name(st), st);
	if (memcmp(&page[8], out, sizeof(out)))
		return failed("copy to the grant", (long)page[8]);
	st = gnttab_copy_from_grant(0, (uint32_t)ref, 64, in, sizeof(in));
	if (st || memcmp(in, out, sizeof(in)))
		return failed("copy from the grant", st);
	st = gnttab_copy_to_grant(0, (uint32_t)ref, 4090, out, 8);
	if (st != SHALE_GNTST_bad_copy_arg)
		return failed("a copy past the page's end", st);
	return 0;
}

int cmd_gnttab_test(int argc, char **argv)
{
	uint64_t *page = alloc_page();
	int rc = gnttab_init(1);
	long ref;

	if (argc != 1)
		return shell_usage(shell_find("gnttab-test"));
	if (rc && rc != -SHALE_EALREADY)
		return failed("gnttab_init", rc);
	if (!page)
		return failed("no page", 0);
	memset(page, 0, PAGE_SIZE);
	ref = gnttab_grant_access(0, virt_to_mfn(page), false);
	if (ref < GNTTAB_RESERVED_REFS)
		return failed("grant_access", ref);
	if (map_and_end(ref, page) || copies(ref, page))
		return 1;
	if ((rc = gnttab_end_access((uint32_t)ref)) != 0)
		return failed("end_access", rc);
	if (gnttab_end_access((uint32_t)ref) != -SHALE_EINVAL)
		return failed("end_access twice", 0);
	free_pages(page, 1);
	printf("gnttab-test: OK (ref %ld of %u: mapped rw and ro, copied both ways, ended)\n", ref,
	       gnttab_nr_entries());
	return 0;
}
