/* SPDX-License-Identifier: MIT */
/*
 * gnttab_map_self: map_grant_ref and unmap_grant_ref of our own grants.
 *
 * What: with a table of 1 frame, entry 5 grants page P to ourselves
 * writable and entry 6 grants page R read-only. Mapping 5 writable at va0
 * returns okay and a handle; the entry then shows reading and writing; the
 * L1 entry maps P's mfn writable, user, not executable; stores either way
 * are seen both at va0 and at P's own address. A second, read-only mapping of 5
 * at va1 gets another handle; unmapping the writable one clears writing
 * but keeps reading; unmapping the last clears both, the L1 entries are
 * not present again and the granter can end the grant. Entry 6 mapped
 * read-only shows reading only; a store through it faults (#PF, write,
 * present), a load sees R's contents. While an entry is in use, ending
 * it (compare-exchange of flags to 0) fails.
 *
 * Why: grant_table.h: the in-use flags the granter sees, read-only
 * honoured, handles name mappings; docs/MEMORY.md: grant mappings.
 *
 * Broken hypervisor: the flags never set (a granter frees a page that is
 * still mapped) or never cleared (a grant can never end), a writable
 * mapping of a read-only grant, or a mapping of the wrong frame.
 */
#include <xt.h>

const char test_title[] = "gnttab: map and unmap own grants, in-use flags, read-only honoured";

#define PERMIT		SHALE_GTF_permit_access
#define IN_USE		(SHALE_GTF_reading | SHALE_GTF_writing)

static void check_flags(uint32_t ref, uint16_t want, const char *what)
{
	xt_expect_eq(xt_grant_flags(ref), want, what);
}

static void writable_then_readonly(uint64_t pfn, uint64_t va0, uint64_t va1)
{
	volatile uint64_t *own = (volatile uint64_t *)xt_pfn_to_va(pfn);
	uint32_t h0, h1 = 0;

	if (!xt_expect_gntst(xt_map_grant(0, 5, va0, SHALE_GNTMAP_host_map, &h0), 0, "map 5 rw"))
		return;
	check_flags(5, PERMIT | IN_USE, "entry 5 mapped writable: reading | writing");
	xt_expect_eq(xt_l1e(va0) & (SHALE_PTE_ADDR_MASK | SHALE_PTE_RW | SHALE_PTE_USER |
				    SHALE_PTE_NX | SHALE_PTE_PRESENT),
		     (xt_pfn_to_mfn(pfn) << 12) | SHALE_PTE_RW | SHALE_PTE_USER | SHALE_PTE_NX |
		     SHALE_PTE_PRESENT, "the L1 entry maps P writable, user, no-exec");
	xt_expect_eq(xt_end_grant(5), -SHALE_EBUSY, "ending entry 5 while mapped");
	*(volatile uint64_t *)va0 = 0x600dcafe;
	xt_expect_eq(*own, 0x600dcafe, "a store through the mapping, read at P");
	*own = 0x1234;
	xt_expect_eq(*(volatile uint64_t *)va0, 0x1234, "a store at P, read through the mapping");

	xt_expect_gntst(xt_map_grant(SHALE_DOMID_SELF, 5, va1,
				     SHALE_GNTMAP_host_map | SHALE_GNTMAP_readonly, &h1),
			0, "map 5 again, read-only, dom SELF");
	xt_expect_eq(h1 != h0, 1, "a second mapping gets another handle");
	xt_expect_eq(xt_l1e(va1) & SHALE_PTE_RW, 0, "the read-only mapping's entry has no RW");
	xt_expect_gntst(xt_unmap_grant(va0, h0), 0, "unmap the writable mapping");
	check_flags(5, PERMIT | SHALE_GTF_reading, "one read-only mapping left: reading only");
	xt_expect_eq(xt_l1e(va0), 0, "the unmapped entry is cleared");
	xt_expect_gntst(xt_unmap_grant(va1, h1), 0, "unmap the read-only mapping");
	check_flags(5, PERMIT, "no mapping left: no in-use flag");
	xt_expect_eq(xt_end_grant(5), 0, "ending entry 5 once unmapped");
}

static void readonly_grant(uint64_t pfn, uint64_t va)
{
	uint32_t h;

	*(volatile uint64_t *)xt_pfn_to_va(pfn) = 0x77;
	if (!xt_expect_gntst(xt_map_grant(0, 6, va, SHALE_GNTMAP_host_map |
					  SHALE_GNTMAP_readonly, &h), 0, "map read-only grant 6"))
		return;
	check_flags(6, PERMIT | SHALE_GTF_readonly | SHALE_GTF_reading, "entry 6: reading only");
	xt_expect_eq(*(volatile uint64_t *)va, 0x77, "a load through the read-only mapping");
	xt_expect_eq(xt_try_write(va, 1), 14, "a store through the read-only mapping: #PF");
	xt_expect_eq(xt_last_trap.error_code & 3, 3, "#PF error code: present, write");
	xt_expect_eq(*(volatile uint64_t *)xt_pfn_to_va(pfn), 0x77, "R unchanged");
	xt_expect_gntst(xt_unmap_grant(va, h), 0, "unmap grant 6");
	check_flags(6, PERMIT | SHALE_GTF_readonly, "entry 6 unmapped: no in-use flag");
}

void test_main(void)
{
	uint64_t p = xt_alloc_page(), r = xt_alloc_page();

	if (xt_gnttab_setup(1))
		return;
	xt_grant(5, 0, xt_pfn_to_mfn(p), PERMIT);
	xt_grant(6, 0, xt_pfn_to_mfn(r), PERMIT | SHALE_GTF_readonly);
	writable_then_readonly(p, xt_grant_va(0), xt_grant_va(1));
	readonly_grant(r, xt_grant_va(2));
	xt_pass();
}
