/* SPDX-License-Identifier: MIT */
/*
 * memop_bad: reservation requests memory_op must refuse.
 *
 * What: decrease_reservation of frames not ours (firmware, the hypervisor
 * image, our shared_info, past RAM) and of a page-table frame of ours
 * releases none (0); of [our unmapped free frame, mfn 1, another] exactly
 * one; the count drops by that one only. extent_order 1 and a non-zero
 * pad are -EINVAL; domid 5 and 0x7ff1 are -ESRCH (current_reservation
 * as well). A cmd with bits set above the sub-op (0x40 | decrease, 0x40 |
 * current) is no cmd memory.h defines: -ENOSYS, and nothing released or
 * reported released.
 *
 * Why: memory.h: "each must be owned by the caller and not in use",
 * "returns how many were released before the first that could not be".
 *
 * Broken hypervisor: frees a frame it does not own (the hypervisor's own
 * memory, or a live page table: the machine dies), continues past the
 * first refusal, or indexes domains with an unchecked id.
 */
#include <xt.h>

const char test_title[] = "decrease_reservation of frames not owned or in use releases nothing";

static long reservation(unsigned int cmd, uint64_t *mfns, uint64_t n, uint32_t order,
			shale_domid_t domid, uint16_t pad)
{
	struct shale_memory_reservation r = {
		.extent_start = (uint64_t)mfns, .nr_extents = n, .extent_order = order,
		.domid = domid, .pad = pad,
	};

	return hc_memory_op(cmd, &r);
}

static long current(shale_domid_t domid)
{
	return hc_memory_op(SHALE_MEMOP_current_reservation, &domid);
}

void test_main(void)
{
	struct xt_walk w;
	uint64_t p1 = xt_alloc_page(), p2 = xt_alloc_page();
	uint64_t mix[3] = { xt_pfn_to_mfn(p1), 1, xt_pfn_to_mfn(p2) };
	long before = current(SHALE_DOMID_SELF);
	uint64_t mfn;

	xt_walk(xt_si->virt_base, &w);
	const uint64_t refused[] = { 1, XT_HV_IMAGE_MFN, xt_si->shared_info_mfn,
				     xt_max_mfn() + 1, w.table_mfn[1], xt_l4_mfn };
	for (unsigned int i = 0; i < ARRAY_SIZE(refused); i++) {
		mfn = refused[i];
		xt_expect_refused(reservation(SHALE_MEMOP_decrease_reservation, &mfn, 1, 0,
					      SHALE_DOMID_SELF, 0), 0,
				  "decrease of a frame not ours or in use");
	}
	xt_expect_eq(current(SHALE_DOMID_SELF), before, "count after the refused decreases");

	hc_update_va_mapping(xt_pfn_to_va(p1), 0, SHALE_UVMF_INVLPG);
	hc_update_va_mapping(xt_pfn_to_va(p2), 0, SHALE_UVMF_INVLPG);
	xt_expect_refused(reservation(SHALE_MEMOP_decrease_reservation, mix, 3, 0,
				      SHALE_DOMID_SELF, 0), 1,
			  "decrease of [ours, mfn 1, ours]");
	xt_expect_eq(current(SHALE_DOMID_SELF), before - 1, "count after [ours, mfn 1, ours]");

	mfn = mix[2];
	xt_expect_refused(reservation(SHALE_MEMOP_decrease_reservation, &mfn, 1, 1,
				      SHALE_DOMID_SELF, 0), -SHALE_EINVAL, "decrease with order 1");
	xt_expect_refused(reservation(SHALE_MEMOP_increase_reservation, &mfn, 1, 1,
				      SHALE_DOMID_SELF, 0), -SHALE_EINVAL, "increase with order 1");
	xt_expect_refused(reservation(SHALE_MEMOP_decrease_reservation, &mfn, 1, 0,
				      SHALE_DOMID_SELF, 1), -SHALE_EINVAL, "decrease with pad 1");
	xt_expect_refused(reservation(SHALE_MEMOP_decrease_reservation, &mfn, 1, 0, 5, 0),
			  -SHALE_ESRCH, "decrease for domain 5");
	xt_expect_refused(reservation(SHALE_MEMOP_increase_reservation, &mfn, 1, 0, 0x7ff1, 0),
			  -SHALE_ESRCH, "increase for domain 0x7ff1");
	xt_expect_refused(current(5), -SHALE_ESRCH, "current_reservation of domain 5");
	xt_expect_refused(hc_memory_op(0x40 | SHALE_MEMOP_decrease_reservation,
				       &(struct shale_memory_reservation){
					       .extent_start = (uint64_t)&mix[2], .nr_extents = 1,
					       .domid = SHALE_DOMID_SELF }),
			  -SHALE_ENOSYS, "memory_op cmd 0x40 | decrease_reservation");
	xt_expect_refused(hc_memory_op(0x40 | SHALE_MEMOP_current_reservation,
				       &(shale_domid_t){ SHALE_DOMID_SELF }),
			  -SHALE_ENOSYS, "memory_op cmd 0x40 | current_reservation");
	xt_expect_eq(current(SHALE_DOMID_SELF), before - 1, "count at the end");
	xt_pass();
}
