/* SPDX-License-Identifier: MIT */
/*
 * ptr_mm: bad guest pointers to the memory and trap hypercalls.
 *
 * What: each pointer of set_trap_table, mmu_update (reqs, done),
 * mmuext_op (ops, done), memory_op (the argument of each sub-op, and the
 * extent array inside a reservation) and multicall gets each address of
 * xt_bad_ptrs: -EFAULT. (NULL is skipped where the ABI gives it a
 * meaning: set_trap_table(NULL) clears the table, done may be NULL.) Our
 * trap table must survive every refused set_trap_table, and a refused
 * increase_reservation must not leave the domain with more frames.
 *
 * Why: the rule of DESIGN.md section 4 and ABI.md, for the calls that
 * read arrays and write results.
 *
 * Broken hypervisor: reads or writes its own memory, faults in ring 0
 * (panic), half-applies a table, or leaks frames it allocated before the
 * copy-out failed.
 */
#include <xt.h>

const char test_title[] = "bad pointers to mm, memory_op, multicall, trap calls give -EFAULT";

static long current_pages(void)
{
	shale_domid_t self = SHALE_DOMID_SELF;

	return hc_memory_op(SHALE_MEMOP_current_reservation, &self);
}

static void check(long rc, const char *call, const struct xt_bad_ptr *p)
{
	char what[160];

	xt_snprintf(what, sizeof(what), "%s with %s", call, p->name);
	xt_expect_refused(rc, -SHALE_EFAULT, what);
}

void test_main(void)
{
	uint64_t pfn = xt_alloc_page();
	struct shale_mmu_update noop = { .ptr = xt_l1e_maddr(xt_pfn_to_va(pfn)),
					 .val = xt_l1e(xt_pfn_to_va(pfn)) };
	struct shale_mmuext_op flush = { .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL };
	struct shale_memory_reservation res = { .nr_extents = 1, .domid = SHALE_DOMID_SELF };
	long before = current_pages();

	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++) {
		const struct xt_bad_ptr *p = &xt_bad_ptrs[i];
		void *bad = (void *)p->addr;

		if (p->addr) {
			check(hc_set_trap_table(bad), "set_trap_table", p);
			xt_expect_eq(xt_try_read(0x10, NULL), X86_PF,
				     "our trap table still catches a fault");
			check(hc_mmu_update(&noop, 1, bad, SHALE_DOMID_SELF), "mmu_update done", p);
			check(hc_mmuext_op(&flush, 1, bad, SHALE_DOMID_SELF), "mmuext_op done", p);
		}
		check(hc_mmu_update(bad, 1, NULL, SHALE_DOMID_SELF), "mmu_update reqs", p);
		check(hc_mmuext_op(bad, 1, NULL, SHALE_DOMID_SELF), "mmuext_op ops", p);
		check(hc_multicall(bad, 1), "multicall", p);
		check(hc_memory_op(SHALE_MEMOP_increase_reservation, bad), "increase arg", p);
		check(hc_memory_op(SHALE_MEMOP_decrease_reservation, bad), "decrease arg", p);
		check(hc_memory_op(SHALE_MEMOP_current_reservation, bad), "current arg", p);
		check(hc_memory_op(SHALE_MEMOP_maximum_reservation, bad), "maximum arg", p);
		check(hc_memory_op(SHALE_MEMOP_machphys_mapping, bad), "machphys_mapping arg", p);
		res.extent_start = p->addr;
		check(hc_memory_op(SHALE_MEMOP_decrease_reservation, &res), "decrease extents", p);
		check(hc_memory_op(SHALE_MEMOP_increase_reservation, &res), "increase extents", p);
		xt_expect_eq(current_pages(), before, "frames owned after a refused increase");
	}
	check(hc_memory_op(SHALE_MEMOP_machphys_mapping, (void *)xt_si->pt_base),
	      "machphys_mapping", &(struct xt_bad_ptr){ 0, "a read-only page" });
	xt_pass();
}
