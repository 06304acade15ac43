/* SPDX-License-Identifier: MIT */
/*
 * gnttab_map_bad: map_grant_ref requests that must be refused.
 *
 * What: with a table of 1 frame (512 entries), each case writes entry 9
 * (or uses another ref) and maps it at a free address: refs 512 and
 * 0xffffffff (beyond the table) are bad_gntref; an entry with no
 * permission, a transfer type, an unknown flag bit (32), or naming domain
 * 5 instead of us is permission_denied, as is a writable map of a
 * read-only grant; an entry whose frame is not ours (firmware, the
 * hypervisor image, past RAM) or is our pinned L4 (even read-only) is
 * bad_page; dom 5 and 0x7ff1 are bad_domain; map flags without host_map or
 * with other bits are general_error; host_addr unaligned, non-canonical,
 * in the hypervisor's range, without an L1 table, or already mapped (our
 * linear map) is bad_virt_addr. Each refusal leaves entry 9's flags as
 * written (no in-use bit) and the hypervisor alive; a good map of entry 9
 * afterwards works and unmaps.
 *
 * Why: grant_table.h map_grant_ref statuses; entries are validated field
 * by field, read once.
 *
 * Broken hypervisor: maps a frame it should not (another domain's, its
 * own, a page table writable: isolation gone), indexes past the table, or
 * leaves reading/writing set after a refusal (a grant that never ends).
 */
#include <xt.h>

const char test_title[] = "gnttab: bad refs, entries, frames, domains, flags and addresses refused";

#define P	SHALE_GTF_permit_access
#define MAP	SHALE_GNTMAP_host_map
#define RO	SHALE_GNTMAP_readonly
#define DATA	0	/* frame: our data page */
#define L4	1	/* frame: our L4 */

static const struct {
	uint64_t frame;		/* DATA, L4, or an mfn */
	uint16_t gflags, gdom, dom;
	uint32_t ref, mflags;
	uint64_t va;		/* 0: a free mapping address */
	long status;
	const char *what;
} cases[] = {
	{ DATA, P, 0, 0, 512, MAP, 0, SHALE_GNTST_bad_gntref, "ref 512, past the table" },
	{ DATA, P, 0, 0, 0xffffffff, MAP, 0, SHALE_GNTST_bad_gntref, "ref 0xffffffff" },
	{ DATA, 0, 0, 0, 9, MAP, 0, SHALE_GNTST_permission_denied, "entry with no permission" },
	{ DATA, 2, 0, 0, 9, MAP, 0, SHALE_GNTST_permission_denied, "entry of transfer type" },
	{ DATA, P | 32, 0, 0, 9, MAP, 0, SHALE_GNTST_permission_denied, "unknown entry flag 32" },
	{ DATA, P, 5, 0, 9, MAP, 0, SHALE_GNTST_permission_denied, "entry naming domain 5" },
	{ DATA, P | SHALE_GTF_readonly, 0, 0, 9, MAP, 0, SHALE_GNTST_permission_denied,
	  "writable map of a read-only grant" },
	{ 1, P, 0, 0, 9, MAP | RO, 0, SHALE_GNTST_bad_page, "frame 1 (firmware)" },
	{ XT_HV_IMAGE_MFN, P, 0, 0, 9, MAP | RO, 0, SHALE_GNTST_bad_page, "hypervisor image" },
	{ 0xfffffff0, P, 0, 0, 9, MAP | RO, 0, SHALE_GNTST_bad_page, "frame past RAM" },
	{ L4, P, 0, 0, 9, MAP, 0, SHALE_GNTST_bad_page, "our L4, writable" },
	{ L4, P, 0, 0, 9, MAP | RO, 0, SHALE_GNTST_bad_page, "our L4, read-only" },
	{ DATA, P, 0, 5, 9, MAP, 0, SHALE_GNTST_bad_domain, "dom 5 (no such domain)" },
	{ DATA, P, 0, 0x7ff1, 9, MAP, 0, SHALE_GNTST_bad_domain, "dom 0x7ff1" },
	{ DATA, P, 0, 0, 9, 0, 0, SHALE_GNTST_general_error, "flags without host_map" },
	{ DATA, P, 0, 0, 9, MAP | 1, 0, SHALE_GNTST_general_error, "flags with device_map" },
	{ DATA, P, 0, 0, 9, MAP | 0x100, 0, SHALE_GNTST_general_error, "flags with bit 8" },
	{ DATA, P, 0, 0, 9, MAP, 8, SHALE_GNTST_bad_virt_addr, "host_addr unaligned" },
	{ DATA, P, 0, 0, 9, MAP, 0x0000800000000000ULL, SHALE_GNTST_bad_virt_addr,
	  "host_addr not canonical" },
	{ DATA, P, 0, 0, 9, MAP, SHALE_HYPERVISOR_VIRT_START + 0x10000, SHALE_GNTST_bad_virt_addr,
	  "host_addr in the hypervisor's range" },
	{ DATA, P, 0, 0, 9, MAP, 0x0000700000000000ULL, SHALE_GNTST_bad_virt_addr,
	  "host_addr with no L1 table" },
	{ DATA, P, 0, 0, 9, MAP, 1, SHALE_GNTST_bad_virt_addr, "host_addr already mapped" },
};

void test_main(void)
{
	uint64_t data = xt_alloc_page(), free_va = xt_grant_va(0);
	uint32_t h;

	if (xt_gnttab_setup(1))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t frame = cases[i].frame == DATA ? xt_pfn_to_mfn(data) :
				 cases[i].frame == L4 ? xt_l4_mfn : cases[i].frame;
		uint64_t va = cases[i].va == 0 ? free_va :
			      cases[i].va == 1 ? xt_pfn_to_va(data) : cases[i].va;

		xt_grant(9, cases[i].gdom, frame, cases[i].gflags);
		xt_expect_gntst(xt_map_grant(cases[i].dom, cases[i].ref, va, cases[i].mflags, &h),
				cases[i].status, cases[i].what);
		xt_expect_eq(xt_grant_flags(9), cases[i].gflags, "entry 9's flags after the refusal");
		xt_expect_eq(xt_l1e(free_va), 0, "nothing mapped at the free address");
	}
	xt_grant(9, 0, xt_pfn_to_mfn(data), P);
	if (xt_expect_gntst(xt_map_grant(0, 9, free_va, MAP, &h), 0, "a good map of entry 9"))
		xt_expect_gntst(xt_unmap_grant(free_va, h), 0, "and its unmap");
	xt_expect_eq(xt_grant_flags(9), P, "entry 9 after the good map and unmap");
	xt_pass();
}
