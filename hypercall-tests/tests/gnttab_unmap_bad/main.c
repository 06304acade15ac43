/* SPDX-License-Identifier: MIT */
/*
 * gnttab_unmap_bad: unmap_grant_ref requests that must be refused.
 *
 * What: our entry 3 grants page P to ourselves; it is mapped at va0
 * (handle h). Unmapping handles never returned (h + 1, 4095, 4096,
 * 0xffffffff) is bad_handle; h with the wrong host_addr (another mapped
 * or unmapped address, va0 + 8, a hypervisor address, a non-canonical
 * one) is bad_virt_addr, and after each refusal the mapping still works
 * and the entry still shows reading | writing. Then h at va0 unmaps
 * (okay), and h again is bad_handle (double unmap), with the entry's
 * flags back to permit_access only.
 *
 * Why: grant_table.h unmap_grant_ref: "handle must name a live mapping,
 * host_addr must still resolve to the entry it wrote".
 *
 * Broken hypervisor: a second unmap drops the frame's references twice
 * (the granter's page freed while something else maps it), or an unmap
 * at the wrong address clears some other entry.
 */
#include <xt.h>

const char test_title[] = "gnttab: unmap with bad handles and addresses refused; double unmap";

#define P		SHALE_GTF_permit_access
#define IN_USE		(SHALE_GTF_reading | SHALE_GTF_writing)

void test_main(void)
{
	uint64_t page = xt_alloc_page(), va0 = xt_grant_va(0), other = xt_grant_va(1);
	const uint32_t bad_handles[] = { 1, 4095, 4096, 0xffffffff };
	const struct {
		uint64_t va;
		const char *what;
	} bad_vas[] = {
		{ other, "another address, not mapped" },
		{ xt_pfn_to_va(page), "another address, mapped (the page's own)" },
		{ va0 + 8, "host_addr + 8" },
		{ SHALE_HYPERVISOR_VIRT_START, "a hypervisor address" },
		{ 0x0001000000000000ULL, "a non-canonical address" },
	};
	uint32_t h;

	if (xt_gnttab_setup(1))
		return;
	xt_grant(3, 0, xt_pfn_to_mfn(page), P);
	if (!xt_expect_gntst(xt_map_grant(0, 3, va0, SHALE_GNTMAP_host_map, &h), 0, "map entry 3") ||
	    !xt_expect_eq(h, 0, "the first handle of a domain with no mapping is 0"))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_handles); i++)
		xt_expect_gntst(xt_unmap_grant(va0, bad_handles[i]), SHALE_GNTST_bad_handle,
				"unmap a handle never returned");
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_vas); i++) {
		xt_expect_gntst(xt_unmap_grant(bad_vas[i].va, h), SHALE_GNTST_bad_virt_addr,
				bad_vas[i].what);
		*(volatile uint64_t *)va0 = i + 1;
		xt_expect_eq(*(volatile uint64_t *)xt_pfn_to_va(page), i + 1,
			     "the mapping still works after the refusal");
		xt_expect_eq(xt_grant_flags(3), P | IN_USE, "entry 3 still in use");
	}
	xt_expect_gntst(xt_unmap_grant(va0, h), 0, "unmap at the right address");
	xt_expect_gntst(xt_unmap_grant(va0, h), SHALE_GNTST_bad_handle, "unmap twice");
	xt_expect_eq(xt_grant_flags(3), P, "entry 3's flags after the unmap");
	xt_expect_eq(xt_l1e(va0), 0, "va0's entry cleared");
	xt_pass();
}
