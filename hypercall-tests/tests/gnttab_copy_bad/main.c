/* SPDX-License-Identifier: MIT */
/*
 * gnttab_copy_bad: copies that must be refused, and leave the target as it was.
 *
 * What: entry 1 grants page G writable, entry 2 page R read-only, entry 3
 * nothing; D is a local destination page, T our pinned L4. Refused: source
 * or dest offset + len past 4096 (bad_copy_arg), unknown flag bits, a
 * non-zero pad in either side or the structure (bad_copy_arg); a gref past
 * the table or 0xffffffff (bad_gntref); entry 3 (permission_denied); R as
 * the destination (permission_denied); a gref of domain 5 (bad_domain); a
 * local side whose domid is not SELF (bad_domain); a local mfn not ours
 * (firmware, past RAM: bad_page); our L4 as the local destination
 * (bad_page). After every case D and G hold their old bytes and no entry
 * shows reading or writing.
 *
 * Why: grant_table.h copy statuses; a copy is the hypervisor writing into
 * a frame, so every check map_grant_ref makes applies, and more (a page
 * table must never be a destination).
 *
 * Broken hypervisor: writes past a page (into the next frame, anyone's),
 * into a read-only grant or a page table, or leaves flags set.
 */
#include <xt.h>

const char test_title[] = "gnttab: bad copies refused, nothing written";

#define SRC_G	SHALE_GNTCOPY_source_gref
#define DST_G	SHALE_GNTCOPY_dest_gref
#define LOC	0xffffffffffffULL	/* local side: the page D (or T as dest) */
#define L4	0xfffffffffffeULL

static const struct {
	uint64_t src, dst;	/* a ref (with the flag), LOC/L4, or an mfn */
	uint16_t sdom, ddom, soff, doff, len, flags, pad;
	uint32_t spad;
	long status;
	const char *what;
} cases[] = {
	{ 1, LOC, 0, 0x7ff0, 4000, 0, 97, SRC_G, 0, 0, SHALE_GNTST_bad_copy_arg, "src +4000, 97" },
	{ LOC, 1, 0x7ff0, 0, 0, 1, 4096, DST_G, 0, 0, SHALE_GNTST_bad_copy_arg, "dst +1, 4096" },
	{ LOC, 1, 0x7ff0, 0, 0, 0xffff, 1, DST_G, 0, 0, SHALE_GNTST_bad_copy_arg, "dst +65535" },
	{ LOC, 1, 0x7ff0, 0, 0, 0, 8, DST_G | 4, 0, 0, SHALE_GNTST_bad_copy_arg, "flag 4" },
	{ LOC, 1, 0x7ff0, 0, 0, 0, 8, DST_G, 1, 0, SHALE_GNTST_bad_copy_arg, "pad" },
	{ LOC, 1, 0x7ff0, 0, 0, 0, 8, DST_G, 0, 1, SHALE_GNTST_bad_copy_arg, "source pad" },
	{ 600, LOC, 0, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_gntref, "gref 600" },
	{ 0xffffffff, LOC, 0, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_gntref, "gref ~0" },
	{ 3, LOC, 0, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_permission_denied, "entry 3" },
	{ LOC, 2, 0x7ff0, 0, 0, 0, 8, DST_G, 0, 0, SHALE_GNTST_permission_denied,
	  "read-only grant as destination" },
	{ 1, LOC, 5, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_domain, "gref of domain 5" },
	{ 1, LOC, 0, 0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_domain, "local side with domid 0" },
	{ 1, 1, 0, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_page, "local mfn 1" },
	{ 1, 0xfffffff0, 0, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_page, "mfn past RAM" },
	{ 1, L4, 0, 0x7ff0, 0, 0, 8, SRC_G, 0, 0, SHALE_GNTST_bad_page, "our L4 as destination" },
};

static uint64_t side(uint64_t v, uint64_t d)
{
	return v == LOC ? xt_pfn_to_mfn(d) : v == L4 ? xt_l4_mfn : v;
}

void test_main(void)
{
	uint64_t g = xt_alloc_page(), r = xt_alloc_page(), d = xt_alloc_page();
	volatile uint64_t *gv = (uint64_t *)xt_pfn_to_va(g), *dv = (uint64_t *)xt_pfn_to_va(d);

	if (xt_gnttab_setup(1))
		return;
	xt_grant(1, 0, xt_pfn_to_mfn(g), SHALE_GTF_permit_access);
	xt_grant(2, 0, xt_pfn_to_mfn(r), SHALE_GTF_permit_access | SHALE_GTF_readonly);
	*(volatile uint64_t *)xt_pfn_to_va(r) = 0x5555;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		struct shale_gnttab_copy op = {
			.source = { .u.mfn = side(cases[i].src, d), .domid = cases[i].sdom,
				    .offset = cases[i].soff, .pad = cases[i].spad },
			.dest = { .u.mfn = side(cases[i].dst, d), .domid = cases[i].ddom,
				  .offset = cases[i].doff },
			.len = cases[i].len, .flags = cases[i].flags, .pad = cases[i].pad,
		};

		gv[0] = gv[511] = dv[0] = dv[511] = 0x1111;
		xt_expect_gntst(xt_grant_copy(&op), cases[i].status, cases[i].what);
		xt_expect_eq(gv[0] == 0x1111 && gv[511] == 0x1111 && dv[0] == 0x1111 &&
			     dv[511] == 0x1111, 1, "G and D unchanged");
		xt_expect_eq(xt_grant_flags(1) | xt_grant_flags(2), SHALE_GTF_permit_access |
			     SHALE_GTF_readonly, "no entry in use");
	}
	xt_pass();
}
