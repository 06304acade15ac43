/* SPDX-License-Identifier: MIT */
/*
 * gnttab_setup_batch: setup_table, query_size and the batch rules.
 *
 * What: query_size first says 0 frames of 32; setup_table(4) gives 4
 * distinct mfns that are not ours (the hypervisor's) yet map writable;
 * query says 4; setup_table(2) returns the same first 2 and the table
 * stays at 4; setup_table(33) is general_error; count 0 or 2 for setup
 * or query is -EINVAL; dom 5 is -ESRCH; a bad frame_list or ops pointer
 * is -EFAULT. Batches: count SHALE_GNTTAB_MAX_COUNT + 1 and 0xffffffff are
 * -E2BIG; unknown cmds (3, 4, 7, 0xffffffff) -ENOSYS; 200 maps in one call
 * (past the 64 per step, so it continues) all succeed with distinct
 * handles and set the flags, and 200 unmaps in one call clear them; inside
 * a multicall, 129 maps are -E2BIG.
 *
 * Why: grant_table.h: counts, table growth, continuations like mmu_update.
 *
 * Broken hypervisor: a table that shrinks under mappings, unbounded
 * batches (minutes in the hypervisor), a continuation that repeats or
 * skips structures (handles lost or duplicated).
 */
#include <xt.h>

const char test_title[] = "gnttab: setup_table and query_size; batch bounds and continuations";

#define N	200

static struct shale_gnttab_map_grant_ref maps[N];
static struct shale_gnttab_unmap_grant_ref unmaps[N];

static long setup(uint32_t nr, uint64_t *list, struct shale_gnttab_setup_table *op)
{
	*op = (struct shale_gnttab_setup_table){ .dom = SHALE_DOMID_SELF, .nr_frames = nr,
						 .frame_list = (uint64_t)list, .status = 99 };
	return hc_grant_table_op(SHALE_GNTTABOP_setup_table, op, 1);
}

static void table_rules(void)
{
	struct shale_gnttab_query_size q = { .dom = SHALE_DOMID_SELF };
	struct shale_gnttab_setup_table op;
	uint64_t f4[4], f2[2];

	if (xt_expect_rc(hc_grant_table_op(SHALE_GNTTABOP_query_size, &q, 1), 0, "query_size"))
		xt_expect_eq(q.nr_frames * 100 + q.max_nr_frames, 32, "0 frames of 32 at first");
	if (!xt_expect_rc(setup(4, f4, &op), 0, "setup_table(4)") ||
	    !xt_expect_gntst(op.status, 0, "setup_table(4) status"))
		return;
	for (unsigned int i = 0; i < 4; i++) {
		xt_expect_eq(xt_mfn_to_pfn(f4[i]), XT_INVALID, "a table frame is not in our p2m");
		xt_expect_eq(i == 0 || f4[i] != f4[i - 1], 1, "table frames are distinct");
		xt_expect_rc(xt_set_pte(xt_scratch_l1e(i), xt_pte(f4[i], true)), 0,
			     "a table frame maps writable");
	}
	xt_expect_rc(hc_grant_table_op(SHALE_GNTTABOP_query_size, &q, 1), 0, "query_size");
	xt_expect_eq(q.nr_frames, 4, "query_size after setup_table(4)");
	xt_expect_rc(setup(2, f2, &op), 0, "setup_table(2)");
	xt_expect_eq(f2[0] == f4[0] && f2[1] == f4[1], 1, "setup_table(2) gives the first two");
	xt_expect_rc(hc_grant_table_op(SHALE_GNTTABOP_query_size, &q, 1), 0, "query_size");
	xt_expect_eq(q.nr_frames, 4, "the table does not shrink");
	xt_expect_rc(setup(33, f4, &op), 0, "setup_table(33)");
	xt_expect_gntst(op.status, SHALE_GNTST_general_error, "setup_table(33) status");
	xt_expect_refused(setup(4, (uint64_t *)SHALE_HYPERVISOR_VIRT_START, &op), -SHALE_EFAULT,
			  "setup_table with frame_list in the hypervisor");
	op.dom = 5;
	xt_expect_refused(hc_grant_table_op(SHALE_GNTTABOP_setup_table, &op, 1), -SHALE_ESRCH,
			  "setup_table of domain 5");
	for (unsigned int c = 0; c <= 2; c += 2) {
		xt_expect_refused(hc_grant_table_op(SHALE_GNTTABOP_setup_table, &op, c),
				  -SHALE_EINVAL, "setup_table with count 0 or 2");
		xt_expect_refused(hc_grant_table_op(SHALE_GNTTABOP_query_size, &q, c),
				  -SHALE_EINVAL, "query_size with count 0 or 2");
	}
}

static void batches(void)
{
	const unsigned int cmds[] = { 3, 4, 7, 0xffffffff };
	struct shale_multicall_entry mc = { .op = SHALE_HYPERCALL_grant_table_op,
					    .args = { 0, (uint64_t)maps, 129 } };

	xt_expect_refused(hc_grant_table_op(0, maps, SHALE_GNTTAB_MAX_COUNT + 1), -SHALE_E2BIG,
			  "count past the maximum");
	xt_expect_refused(hc_grant_table_op(SHALE_GNTTABOP_unmap_grant_ref, unmaps, 0xffffffff),
			  -SHALE_E2BIG, "count 0xffffffff");
	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++)
		xt_expect_refused(hc_grant_table_op(cmds[i], maps, 1), -SHALE_ENOSYS, "unknown cmd");
	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++)
		xt_expect_refused(hc_grant_table_op(SHALE_GNTTABOP_copy, (void *)xt_bad_ptrs[i].addr,
						    1), -SHALE_EFAULT, xt_bad_ptrs[i].name);

	xt_grant(7, 0, xt_pfn_to_mfn(xt_alloc_page()), SHALE_GTF_permit_access);
	for (unsigned int i = 0; i < N; i++)
		maps[i] = (struct shale_gnttab_map_grant_ref){ .host_addr = xt_grant_va(i),
			.flags = SHALE_GNTMAP_host_map, .ref = 7, .status = 99 };
	xt_expect_rc(hc_multicall(&mc, 1), 0, "multicall");
	xt_expect_rc(mc.result, -SHALE_E2BIG, "129 maps inside a multicall");
	xt_expect_rc(hc_grant_table_op(SHALE_GNTTABOP_map_grant_ref, maps, N), 0, "200 maps");
	for (unsigned int i = 0; i < N; i++) {
		xt_expect_gntst(maps[i].status, 0, "each map");
		xt_expect_eq(maps[i].handle, i, "handles in order, none lost or repeated");
		unmaps[i] = (struct shale_gnttab_unmap_grant_ref){ .host_addr = maps[i].host_addr,
			.handle = maps[i].handle, .status = 99 };
	}
	xt_expect_eq(xt_grant_flags(7), SHALE_GTF_permit_access | SHALE_GTF_reading |
		     SHALE_GTF_writing, "entry 7 in use");
	xt_expect_rc(hc_grant_table_op(SHALE_GNTTABOP_unmap_grant_ref, unmaps, N), 0, "200 unmaps");
	for (unsigned int i = 0; i < N; i++)
		xt_expect_gntst(unmaps[i].status, 0, "each unmap");
	xt_expect_eq(xt_grant_flags(7), SHALE_GTF_permit_access, "entry 7 free again");
}

void test_main(void)
{
	table_rules();
	if (xt_gnttab_setup(4))
		return;
	batches();
	xt_pass();
}
