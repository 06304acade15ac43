/* SPDX-License-Identifier: MIT */
/*
 * domctl_destroy_mapped: a destroyed domain whose frame dom0 still maps.
 *
 * What: dom0 gives a new domain 4 frames and maps one of them read-only
 * (mmu_update, foreign_dom). destroydomain returns 0; the domain stays
 * listed as dying with that one frame; the frame stays readable through
 * dom0's mapping. While it is dying, nothing may be added to it:
 * increase_reservation for it allocates nothing (0 or -ESRCH), and
 * pause, max_mem and a second destroy are -ESRCH, createdomain with its
 * id -EEXIST. Once dom0 unmaps the frame, the domain is gone
 * (getdomaininfo -ESRCH) and free_pages is exactly what it was before
 * createdomain.
 *
 * Why: domctl.h destroydomain ("every frame returned once nothing else
 * references it") and domain.c's dying state: a frame must never be
 * freed while mapped, and a dying domain must not collect new frames
 * that nothing would ever free.
 *
 * Broken hypervisor: the mapped frame freed under dom0 (use after free),
 * the domain never reaped (a leak: free_pages stays low), or frames
 * allocated to a dying domain (a leak that keeps its id taken forever).
 */
#include <xt.h>

const char test_title[] = "destroydomain while dom0 maps a frame: dying, then reaped; no leak";

static uint64_t mfn[4];

static long populate(shale_domid_t d, uint64_t n)
{
	struct shale_memory_reservation r = { .extent_start = (uint64_t)mfn, .nr_extents = n,
					      .domid = d };

	return hc_memory_op(SHALE_MEMOP_increase_reservation, &r);
}

static void while_dying(shale_domid_t d)
{
	struct shale_domctl op = { .u.max_pages = 64 };
	struct shale_domctl_getdomaininfo info;
	long rc;

	if (xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo of the dying domain")) {
		xt_expect_eq(info.flags & SHALE_DOMINF_dying, SHALE_DOMINF_dying, "dying flag");
		xt_expect_eq(info.tot_pages, 1, "the dying domain keeps the one mapped frame");
	}
	xt_expect_eq(*(volatile uint64_t *)XT_SCRATCH_VA, 0, "the frame reads through dom0's map");
	rc = populate(d, 2);
	if (rc != 0)
		xt_expect_refused(rc, -SHALE_ESRCH, "increase_reservation for a dying domain");
	if (xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo of the dying domain"))
		xt_expect_eq(info.tot_pages, 1, "frames of the dying domain after the populate");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_pausedomain, d), -SHALE_ESRCH, "pause");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_max_mem, d), -SHALE_ESRCH, "max_mem");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), -SHALE_ESRCH, "destroy");
	op = (struct shale_domctl){ .u.createdomain = { .name = "xt-again", .max_vcpus = 1 } };
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_createdomain, d), -SHALE_EEXIST,
			  "createdomain with the dying domain's id");
}

void test_main(void)
{
	struct shale_mmu_update map = { .ptr = xt_scratch_l1e(0) | SHALE_MMU_NORMAL_PT_UPDATE };
	struct shale_domctl op = { .u.max_pages = 4 };
	struct shale_domctl_physinfo before, after;
	long d;

	if (!xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	d = xt_create_domain("xt-mapped");
	if (d < 0 || !xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_max_mem, d), 0, "max_mem 4") ||
	    !xt_expect_eq(populate(d, 4), 4, "populate 4"))
		return;
	map.val = xt_pte(mfn[0], false);
	if (!xt_expect_rc(hc_mmu_update(&map, 1, NULL, d), 0, "dom0 maps a frame of it"))
		return;
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	while_dying(d);

	xt_expect_rc(hc_update_va_mapping(XT_SCRATCH_VA, 0, SHALE_UVMF_INVLPG), 0,
		     "dom0 unmaps the frame");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_getdomaininfo, d), -SHALE_ESRCH,
			  "getdomaininfo once the last reference went");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages, before.free_pages, "free_pages once the domain is reaped");
	xt_expect_eq(after.nr_domains, before.nr_domains, "nr_domains once the domain is reaped");
	xt_pass();
}
