/* SPDX-License-Identifier: MIT */
/*
 * mmu_baseptr_switch: a fresh L4 built from scratch, switched to and back.
 *
 * What: copy the guest slots of our L4 into a new frame, make it
 * read-only, pin it as L4 (0) and load it with NEW_BASEPTR (0). Running on
 * it: our memory, the console and the M2P work, a fault is still caught,
 * its hypervisor slots were filled by the hypervisor (slot 256, the M2P,
 * is present), and mmu_update of one of its guest slots works. Unpinned
 * while in cr3 it stays a table (mapping it writable: -EBUSY). Back on
 * the old L4 (0), the new frame is no table any more: it maps writable.
 *
 * Why: every guest builds address spaces this way (a new process, a
 * kexec); DESIGN.md section 5: the hypervisor fills the reserved slots of
 * each L4 it validates.
 *
 * Broken hypervisor: refuses a valid L4, leaves the reserved slots empty
 * (the next hypercall or interrupt faults: triple fault), keeps a stale
 * reference (the frame never becomes writable again) or drops cr3's.
 */
#include <xt.h>

const char test_title[] = "a fresh L4: pin, switch to it, run, switch back";

static long ext(uint32_t cmd, uint64_t arg1)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = arg1 };

	return hc_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

void test_main(void)
{
	uint64_t old = xt_l4_mfn, pfn = xt_alloc_page(), mfn = xt_pfn_to_mfn(pfn);
	uint64_t *copy = (uint64_t *)xt_pfn_to_va(pfn);
	const uint64_t *src = xt_table(old);
	uint64_t l3 = xt_new_table_page();

	for (unsigned int s = 0; s < SHALE_FIRST_RESERVED_L4_SLOT; s++)
		copy[s] = src[s];
	if (!xt_expect_rc(xt_map_readonly(pfn), 0, "remap the new L4 read-only") ||
	    !xt_expect_rc(ext(SHALE_MMUEXT_PIN_L4_TABLE, mfn), 0, "pin the new L4") ||
	    !xt_expect_rc(ext(SHALE_MMUEXT_NEW_BASEPTR, mfn), 0, "new_baseptr to the new L4"))
		return;
	xt_l4_mfn = mfn;

	xt_printf("running on the new L4 (mfn 0x%lx)\n", mfn);
	xt_expect_eq(*(volatile uint64_t *)xt_si->mfn_list, xt_pfn_to_mfn(0),
		     "p2m read on the new L4");
	xt_expect_eq(xt_m2p(xt_pfn_to_mfn(0)), 0, "M2P read on the new L4");
	xt_expect_eq(xt_try_read(0x10, NULL), X86_PF, "a fault caught on the new L4");
	xt_expect_eq(copy[SHALE_FIRST_RESERVED_L4_SLOT] & SHALE_PTE_PRESENT, SHALE_PTE_PRESENT,
		     "hypervisor-filled slot 256 (M2P) of the new L4");
	if (l3 != XT_INVALID) {
		uint64_t slot = (mfn << 12) + 8 * 195;

		xt_expect_rc(xt_set_pte(slot, (xt_pfn_to_mfn(l3) << 12) | XT_PT_TABLE), 0,
			     "mmu_update of a guest slot of the live new L4");
		xt_expect_rc(xt_set_pte(slot, 0), 0, "clearing it");
	}
	xt_expect_rc(ext(SHALE_MMUEXT_UNPIN_TABLE, mfn), 0, "unpin the live new L4");
	xt_expect_refused(xt_map_writable(pfn), -SHALE_EBUSY, "map the live new L4 writable");

	if (!xt_expect_rc(ext(SHALE_MMUEXT_NEW_BASEPTR, old), 0, "new_baseptr back to the old L4"))
		return;
	xt_l4_mfn = old;
	xt_expect_rc(xt_map_writable(pfn), 0, "map the unused, unpinned L4 writable");
	copy[0] = 0;
	xt_pass();
}
