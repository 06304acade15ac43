/* SPDX-License-Identifier: MIT */
/*
 * mmu_baseptr_bad: NEW_BASEPTR to frames that are not valid L4s.
 *
 * What: a copy of our L4 plus one bad entry (PWT in guest slot 300) is
 * refused with -EINVAL; a good copy still mapped writable with -EBUSY; a
 * frame pinned as L1 with -EBUSY (it cannot also be an L4); mfn 1 and a
 * hypervisor image frame with -EPERM; an mfn past RAM with -EINVAL. We
 * keep running on our L4 throughout, and each refused frame can be
 * mapped writable afterwards (nothing left half-validated).
 *
 * Why: new_baseptr loads cr3; an L4 that skipped validation maps anything
 * (mm.h: "validated as an L4 if it is not one already").
 *
 * Broken hypervisor: loads the frame anyway: with a writable L4 the guest
 * owns the address space, with a foreign frame it runs on the hypervisor's
 * tables; or panics on the bad entry.
 */
#include <xt.h>

const char test_title[] = "new_baseptr to bad L4 frames is refused";

static long baseptr(uint64_t mfn)
{
	struct shale_mmuext_op op = { .cmd = SHALE_MMUEXT_NEW_BASEPTR, .arg1 = mfn };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

/* A copy of the guest slots of our L4; read-only unless writable. */
static uint64_t l4_copy(bool writable, unsigned int bad_slot, uint64_t bad_val)
{
	uint64_t pfn = xt_alloc_page();
	uint64_t *dst = (uint64_t *)xt_pfn_to_va(pfn);
	const uint64_t *src = xt_table(xt_l4_mfn);

	for (unsigned int s = 0; s < 512; s++)
		if (s < SHALE_FIRST_RESERVED_L4_SLOT || (s > SHALE_LAST_RESERVED_L4_SLOT &&
							 s != SHALE_IMAGE_L4_SLOT))
			dst[s] = src[s];
	if (bad_slot)
		dst[bad_slot] = bad_val;
	if (!writable && xt_map_readonly(pfn))
		xt_error("remapping the L4 copy read-only failed");
	return pfn;
}

void test_main(void)
{
	uint64_t l3 = xt_pfn_to_mfn(xt_new_table_page());
	uint64_t bad = l4_copy(false, 300, (l3 << 12) | XT_PT_TABLE | (1ULL << 3));
	uint64_t writable = l4_copy(true, 0, 0);
	uint64_t l1 = xt_new_table_page();
	struct shale_mmuext_op pin = { .cmd = SHALE_MMUEXT_PIN_L1_TABLE,
				       .arg1 = xt_pfn_to_mfn(l1) };

	xt_expect_refused(baseptr(xt_pfn_to_mfn(bad)), -SHALE_EINVAL,
			  "new_baseptr to an L4 with a PWT entry");
	xt_expect_rc(xt_map_writable(bad), 0, "map the refused L4 writable");
	xt_expect_refused(baseptr(xt_pfn_to_mfn(writable)), -SHALE_EBUSY,
			  "new_baseptr to an L4 mapped writable");
	*(volatile uint64_t *)xt_pfn_to_va(writable) = 0;	/* still ours, still writable */

	if (xt_expect_rc(hc_mmuext_op(&pin, 1, NULL, SHALE_DOMID_SELF), 0, "pin an L1"))
		xt_expect_refused(baseptr(pin.arg1), -SHALE_EBUSY,
				  "new_baseptr to a frame pinned as L1");
	xt_expect_refused(baseptr(1), -SHALE_EPERM, "new_baseptr to mfn 1");
	xt_expect_refused(baseptr(XT_HV_IMAGE_MFN), -SHALE_EPERM,
			  "new_baseptr to a hypervisor image frame");
	xt_expect_refused(baseptr(xt_max_mfn() + 1), -SHALE_EINVAL,
			  "new_baseptr to an mfn past RAM");
	xt_expect_eq(xt_try_read(xt_si->virt_base, NULL), -1, "our memory still reads");
	xt_pass();
}
