/* SPDX-License-Identifier: MIT */
/*
 * domctl_setvcpucontext_bad: contexts a domain must not be started with.
 *
 * What: on a paused domain with two frames A and B: cr3_mfn = dom0's own
 * L4 or the domain's shared_info frame is -EPERM (not its frame), one past
 * max_mfn or 2^40 is -EINVAL (not RAM), B while dom0 maps it writable is
 * -EBUSY (a writable frame cannot become a table); vCPU 1, a
 * non-canonical rip and a non-canonical event callback are -EINVAL; each
 * bad ctx pointer is -EFAULT. After these the domain still has no online
 * vCPU. A good context (cr3 = A, an empty L4) is accepted, but once the
 * domain is unpaused (it then faults on its first fetch and is crashed)
 * the same call is -EBUSY. free_pages is back after destroydomain.
 *
 * Why: domctl.h setvcpucontext: "cr3_mfn is validated as an L4 of that
 * domain, as NEW_BASEPTR does"; a toolstack bug (or a hostile dom0
 * component) must not start a domain on someone else's memory.
 *
 * Broken hypervisor: a domain running on dom0's page tables (it could
 * rewrite dom0), a writable frame typed as a table, or a context loaded
 * into a running vCPU.
 */
#include <xt.h>

const char test_title[] = "domctl setvcpucontext: foreign, bad and busy contexts refused";

static struct shale_vcpu_guest_context ctx;

static long set_ctx(shale_domid_t d, uint32_t vcpu, uint64_t ctx_addr)
{
	struct shale_domctl op = { .u.setvcpucontext = { .vcpu = vcpu, .ctx = ctx_addr } };

	return xt_domctl(&op, SHALE_DOMCTL_setvcpucontext, d);
}

static void with(shale_domid_t d, uint64_t cr3, uint64_t rip, uint64_t cb, long expect,
		 const char *what)
{
	ctx = (struct shale_vcpu_guest_context){ .rip = rip, .rsp = 0x402000, .cr3_mfn = cr3,
						 .event_callback = cb };
	xt_expect_refused(set_ctx(d, 0, (uint64_t)&ctx), expect, what);
}

void test_main(void)
{
	struct shale_domctl_physinfo before, after;
	struct shale_domctl_getdomaininfo info;
	struct shale_domctl op = { .u.max_pages = 2 };
	uint64_t mfn[2];
	struct shale_memory_reservation r = { .extent_start = (uint64_t)mfn, .nr_extents = 2 };
	struct shale_mmu_update map = { .ptr = xt_scratch_l1e(0) | SHALE_MMU_NORMAL_PT_UPDATE };
	long d;

	if (!xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	d = xt_create_domain("xt-ctx");
	if (d < 0 || !xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_max_mem, d), 0, "max_mem"))
		return;
	r.domid = d;
	if (!xt_expect_eq(hc_memory_op(SHALE_MEMOP_increase_reservation, &r), 2, "populate 2") ||
	    !xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo"))
		return;
	map.val = xt_pte(mfn[1], true);
	if (!xt_expect_rc(hc_mmu_update(&map, 1, NULL, d), 0, "dom0 maps B writable"))
		return;

	with(d, xt_l4_mfn, 0x400000, 0, -SHALE_EPERM, "cr3 = dom0's L4");
	with(d, info.shared_info_mfn, 0x400000, 0, -SHALE_EPERM, "cr3 = its shared_info");
	with(d, xt_max_mfn() + 1, 0x400000, 0, -SHALE_EINVAL, "cr3 = max_mfn + 1");
	with(d, 1ULL << 40, 0x400000, 0, -SHALE_EINVAL, "cr3 = 2^40");
	with(d, mfn[1], 0x400000, 0, -SHALE_EBUSY, "cr3 = a frame mapped writable");
	with(d, mfn[0], 0x0000800000000000ULL, 0, -SHALE_EINVAL, "non-canonical rip");
	with(d, mfn[0], 0x400000, 0x8000000000000000ULL, -SHALE_EINVAL,
	     "non-canonical event callback");
	ctx.event_callback = 0;
	xt_expect_refused(set_ctx(d, 1, (uint64_t)&ctx), -SHALE_EINVAL, "vCPU 1");
	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++)
		xt_expect_refused(set_ctx(d, 0, xt_bad_ptrs[i].addr), -SHALE_EFAULT,
				  xt_bad_ptrs[i].name);
	if (xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo"))
		xt_expect_eq(info.nr_online_vcpus, 0, "online vCPUs after the refusals");

	xt_expect_rc(set_ctx(d, 0, (uint64_t)&ctx), 0, "a good context while paused");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_unpausedomain, d), 0, "unpausedomain");
	xt_expect_refused(set_ctx(d, 0, (uint64_t)&ctx), -SHALE_EBUSY, "the context when unpaused");
	xt_expect_rc(hc_update_va_mapping(XT_SCRATCH_VA, 0, SHALE_UVMF_INVLPG), 0, "unmap B");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages, before.free_pages, "free_pages after destroydomain");
	xt_pass();
}
