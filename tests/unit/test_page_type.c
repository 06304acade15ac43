/* SPDX-License-Identifier: MIT */
/*
 * Tests for common/page_type.c on the fake arch (fake/): general and type
 * references, validation of guest page-table trees and its rollback, pins
 * and the base table (docs/MEMORY.md, "Frames, owners and references").
 *
 * A broken page_type.c lets a guest map one of its own page tables
 * writable or build recursive tables (and so write any frame), leaks
 * references (frames that can never be given back) or drops references
 * still in use (a frame freed while mapped). So every test states exact
 * counts, every refusal its exact errno, and a refusal must leave the
 * whole frame table byte for byte as it was. The randomized test is in
 * test_page_type_random.c; the harness both share is page_type_test.h.
 */
#include <stdio.h>
#include "page_type_test.h"

struct domain *pt_dom, *pt_other;
static struct page_info saved[FAKE_NR_FRAMES];

/*
 * L4[1] -> L3[2] -> L2[3] -> L1, which maps rw[] writable (slots 0, 1)
 * and ro[] read-only (slots 2, 3). Non-present entries with every other
 * bit set sit in the tables too: they must reference nothing.
 */
struct tree {
	mfn_t l4, l3, l2, l1;
	mfn_t rw[2], ro[2];
};

mfn_t pt_dom_frame(void)
{
	return fake_frame_alloc(pt_dom->domid);
}

static void build_tree(struct tree *t)
{
	t->l4 = pt_dom_frame();
	t->l3 = pt_dom_frame();
	t->l2 = pt_dom_frame();
	t->l1 = pt_dom_frame();
	for (int i = 0; i < 2; i++) {
		t->rw[i] = pt_dom_frame();
		t->ro[i] = pt_dom_frame();
	}
	table(t->l4)[1] = pte(t->l3, PT_FLAGS);
	table(t->l3)[2] = pte(t->l2, PT_FLAGS);
	table(t->l2)[3] = pte(t->l1, PT_FLAGS);
	table(t->l1)[0] = pte(t->rw[0], RW_FLAGS);
	table(t->l1)[1] = pte(t->rw[1], RW_FLAGS | _PAGE_NX);
	table(t->l1)[2] = pte(t->ro[0], RO_FLAGS);
	table(t->l1)[3] = pte(t->ro[1], RO_FLAGS | _PAGE_GLOBAL);
	table(t->l4)[300] = ~_PAGE_PRESENT;
	table(t->l3)[511] = ~_PAGE_PRESENT;
	table(t->l2)[0] = ~_PAGE_PRESENT;
	table(t->l1)[511] = ~_PAGE_PRESENT;
}

void pt_setup(void)
{
	fake_mm_init();
	pt_dom = fake_domain_create(1);
	pt_other = fake_domain_create(2);
}

void pt_teardown(void)
{
	fake_mm_fini();
}

void pt_save_counts(void)
{
	memcpy(saved, frame_table, sizeof(saved));
	fake_log_clear();
}

void pt_expect_unchanged_at(int line)
{
	for (mfn_t m = 0; m < max_mfn; m++) {
		const struct page_info *a = &saved[m], *b = &frame_table[m];

		unit_check(memcmp(a, b, sizeof(*a)) == 0,
			   "line %d: mfn %lu changed: count %u -> %u, type_count %u -> %u, "
			   "type %u -> %u, flags %#x -> %#x", line, m, a->count, b->count,
			   a->type_count, b->type_count, a->type, b->type, a->flags, b->flags);
	}
}

void pt_expect_frame_at(int line, mfn_t mfn, uint32_t count, uint32_t type_count,
			enum page_type type)
{
	const struct page_info *pg = mfn_to_page(mfn);

	ck_assert_msg(pg->count == count && pg->type_count == type_count && pg->type == type,
		      "line %d: mfn %lu: expected count %u, type_count %u, type %u; "
		      "got %u, %u, %u", line, mfn, count, type_count, type, pg->count,
		      pg->type_count, pg->type);
}

void pt_expect_rc_at(int line, const char *what, int rc, int want)
{
	ck_assert_msg(rc == want, "line %d: %s: expected %d, got %d", line, what, want, rc);
}

static void expect_log(const char *part)
{
	ck_assert_msg(strstr(fake_log(), part), "log lacks \"%s\"; log:\n%s", part, fake_log());
}

/* Every frame of the tree as allocated: its allocation reference only. */
static void expect_tree_free(const struct tree *t)
{
	const mfn_t all[] = { t->l4, t->l3, t->l2, t->l1, t->rw[0], t->rw[1], t->ro[0], t->ro[1] };

	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		expect_frame(all[i], 1, 0, PGT_NONE);
		ck_assert_uint_eq(mfn_to_page(all[i])->flags, 0);
	}
}

/* The tree validated once from its L4, which holds one more reference (pin or cr3). */
static void expect_tree_validated(const struct tree *t)
{
	expect_frame(t->l4, 2, 1, PGT_L4);
	expect_frame(t->l3, 2, 1, PGT_L3);
	expect_frame(t->l2, 2, 1, PGT_L2);
	expect_frame(t->l1, 2, 1, PGT_L1);
	expect_frame(t->rw[0], 2, 1, PGT_WRITABLE);
	expect_frame(t->rw[1], 2, 1, PGT_WRITABLE);
	expect_frame(t->ro[0], 2, 0, PGT_NONE);
	expect_frame(t->ro[1], 2, 0, PGT_NONE);
}

int pt_unpin(mfn_t mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != pt_dom->domid)
		return -EPERM;
	if (!(pg->flags & PGF_PINNED))
		return -EINVAL;
	pg->flags &= ~PGF_PINNED;
	put_page_type(mfn);
	put_page(mfn);
	return 0;
}

int pt_update(mfn_t mfn, unsigned int level, unsigned int slot, uint64_t val,
	      struct domain *fd)
{
	uint64_t *t = table(mfn), old = t[slot];
	int rc = get_entry_refs(pt_dom, level, slot, val, fd);

	if (rc)
		return rc;
	t[slot] = val;
	put_entry_refs(level, slot, old);
	return 0;
}

START_TEST(pin_l4_validates_tree)
{
	struct tree t;

	build_tree(&t);
	/* Guest junk in reserved slots is neither checked nor kept. */
	table(t.l4)[260] = pte(pt_other->shared_info_mfn, PT_FLAGS | _PAGE_PSE);
	table(t.l4)[511] = pte(max_mfn + 5, PT_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	expect_tree_validated(&t);
	ck_assert_uint_eq(mfn_to_page(t.l4)->flags & PGF_PINNED, PGF_PINNED);
	ck_assert_uint_eq(mfn_to_page(t.l3)->flags, 0);
	ck_assert_uint_eq(mfn_to_page(t.l1)->flags, 0);
	for (unsigned int slot = 256; slot <= 271; slot++)
		ck_assert_uint_eq(table(t.l4)[slot], fake_reserved_entry(slot));
	ck_assert_uint_eq(table(t.l4)[511], fake_reserved_entry(511));
	ck_assert_uint_eq(table(t.l4)[1], pte(t.l3, PT_FLAGS));
	ck_assert_uint_eq(table(t.l4)[255], 0);
	ck_assert_uint_eq(table(t.l4)[272], 0);
	ck_assert_uint_eq(table(t.l4)[510], 0);
	ck_assert_str_eq(fake_log(), "");
}
END_TEST

START_TEST(unpin_releases_tree)
{
	struct tree t;

	build_tree(&t);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	percpu0.exit_work = 0;
	expect_rc(pt_unpin(t.l4), 0);
	expect_tree_free(&t);
	expect_unchanged();
	ck_assert(percpu0.exit_work & EXIT_WORK_TLB_FLUSH);
	expect_rc(pt_unpin(t.l4), -EINVAL);
	expect_unchanged();
	/* And it validates again from scratch. */
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	expect_tree_validated(&t);
}
END_TEST

START_TEST(writable_map_of_own_table_is_refused)
{
	struct tree t;

	build_tree(&t);
	const mfn_t targets[] = { t.l4, t.l3, t.l2, t.l1 };
	static const char *const names[] = { "L4", "L3", "L2", "L1" };

	for (size_t i = 0; i < ARRAY_SIZE(targets); i++) {
		char msg[64];

		table(t.l1)[4] = pte(targets[i], RW_FLAGS);
		pt_save_counts();
		expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
		expect_unchanged();
		snprintf(msg, sizeof(msg), "is in use as %s, not usable as writable", names[i]);
		expect_log(msg);
		ck_assert_uint_eq(table(t.l4)[256], 0);	/* not filled on failure */
	}
	/* Read-only, the same mappings are fine. */
	for (size_t i = 0; i < ARRAY_SIZE(targets); i++)
		table(t.l1)[4 + i] = pte(targets[i], RO_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	expect_frame(t.l4, 3, 1, PGT_L4);
	expect_frame(t.l3, 3, 1, PGT_L3);
	expect_frame(t.l2, 3, 1, PGT_L2);
	expect_frame(t.l1, 3, 1, PGT_L1);
	expect_rc(pt_unpin(t.l4), 0);
	expect_tree_free(&t);
}
END_TEST

/*
 * The other order: an L1 validated first maps writable the frame a later
 * L2 entry wants as an L1. Rollback must undo the writable type too.
 */
START_TEST(frame_mapped_writable_cannot_become_table)
{
	struct tree t;
	mfn_t l1b;

	build_tree(&t);
	l1b = pt_dom_frame();
	table(t.l1)[4] = pte(l1b, RW_FLAGS);
	table(t.l2)[4] = pte(l1b, PT_FLAGS);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
	expect_unchanged();
	expect_log("is in use as writable, not usable as L1");
	expect_frame(l1b, 1, 0, PGT_NONE);
}
END_TEST

START_TEST(recursive_tables_are_refused)
{
	struct tree t;
	struct vcpu *v = pt_dom->vcpu0;

	build_tree(&t);
	percpu0.current = v;
	table(t.l4)[0] = pte(t.l4, PT_FLAGS);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
	expect_unchanged();
	expect_rc(set_base_table(v, t.l4), -EBUSY);
	expect_unchanged();
	ck_assert_uint_eq(v->cr3_mfn, INVALID_MFN);
	ck_assert_uint_eq(fake_cr3_writes, 0);
	table(t.l4)[0] = 0;

	/* The same at L3 and L2, and an L3 entry pointing up at the L4. */
	table(t.l3)[5] = pte(t.l3, PT_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
	expect_unchanged();
	table(t.l3)[5] = pte(t.l4, PT_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
	expect_unchanged();
	table(t.l3)[5] = 0;
	table(t.l2)[5] = pte(t.l2, PT_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
	expect_unchanged();
}
END_TEST

START_TEST(l2_pointing_at_another_l2_is_refused)
{
	struct tree t;
	mfn_t l2b;

	build_tree(&t);
	l2b = pt_dom_frame();
	table(t.l3)[3] = pte(l2b, PT_FLAGS);	/* after slot 2: t.l2 is an L2 by then */
	table(l2b)[0] = pte(t.l2, PT_FLAGS);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l4, 4), -EBUSY);
	expect_unchanged();
	expect_log("is in use as L2, not usable as L1");

	/* A pinned L2 cannot serve as another L2's L1 either. */
	table(t.l3)[3] = 0;
	expect_rc(pin_table(pt_dom, t.l2, 2), 0);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, l2b, 2), -EBUSY);
	expect_unchanged();
}
END_TEST

START_TEST(superpage_and_cache_bits_are_refused)
{
	struct tree t;
	mfn_t data;

	build_tree(&t);
	data = pt_dom_frame();
	const struct {
		mfn_t table;
		uint64_t entry;
		const char *why;
	} cases[] = {
		{ t.l4, pte(data, PT_FLAGS | _PAGE_PSE), "PSE (superpage) bit" },
		{ t.l3, pte(data, PT_FLAGS | _PAGE_PSE), "PSE (superpage) bit" },
		{ t.l2, pte(data, PT_FLAGS | _PAGE_PSE), "PSE (superpage) bit" },
		{ t.l1, pte(data, RO_FLAGS | _PAGE_PSE), "PAT bit" },
		{ t.l1, pte(data, RW_FLAGS | _PAGE_PCD), "cache-control bits" },
		{ t.l2, pte(data, PT_FLAGS | _PAGE_GLOBAL), "Global above L1" },
		{ t.l1, pte(data, RO_FLAGS | (1ULL << 59)), "bits 52-62 set" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		table(cases[i].table)[6] = cases[i].entry;
		pt_save_counts();
		expect_rc(pin_table(pt_dom, t.l4, 4), -EINVAL);
		expect_unchanged();
		expect_log(cases[i].why);
		table(cases[i].table)[6] = 0;
	}
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
}
END_TEST

START_TEST(frames_not_the_domains_are_refused)
{
	struct tree t;
	mfn_t theirs, hv;

	build_tree(&t);
	theirs = fake_frame_alloc(pt_other->domid);
	hv = fake_frame_alloc(OWNER_HV);
	const struct {
		mfn_t table;
		uint64_t entry;
	} cases[] = {
		{ t.l1, pte(theirs, RO_FLAGS) },
		{ t.l1, pte(theirs, RW_FLAGS) },
		{ t.l1, pte(hv, RO_FLAGS) },
		{ t.l1, pte(pt_other->shared_info_mfn, RW_FLAGS) },
		{ t.l2, pte(theirs, PT_FLAGS) },
		{ t.l4, pte(theirs, PT_FLAGS) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		table(cases[i].table)[7] = cases[i].entry;
		pt_save_counts();
		expect_rc(pin_table(pt_dom, t.l4, 4), -EPERM);
		expect_unchanged();
		expect_log("is not the domain's");
		table(cases[i].table)[7] = 0;
	}
	expect_rc(pin_table(pt_dom, theirs, 1), -EPERM);
	expect_rc(pin_table(pt_dom, pt_dom->shared_info_mfn, 1), -EPERM);
	expect_unchanged();
}
END_TEST

START_TEST(frames_past_ram_are_refused)
{
	struct tree t;

	build_tree(&t);
	const struct {
		mfn_t table;
		uint64_t entry;
		int rc;
	} cases[] = {
		{ t.l1, pte(max_mfn, RO_FLAGS), -EINVAL },
		{ t.l1, pte(0xffffffffffULL, RW_FLAGS), -EINVAL },
		{ t.l2, pte(max_mfn, PT_FLAGS), -EINVAL },
		/* The last RAM frame is RAM: free, so not the domain's. */
		{ t.l1, pte(max_mfn - 1, RO_FLAGS), -EPERM },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		table(cases[i].table)[8] = cases[i].entry;
		pt_save_counts();
		expect_rc(pin_table(pt_dom, t.l4, 4), cases[i].rc);
		expect_unchanged();
		expect_log(cases[i].rc == -EINVAL ? "is not RAM" : "is not the domain's");
		table(cases[i].table)[8] = 0;
	}
	expect_rc(pin_table(pt_dom, max_mfn, 1), -EINVAL);
	expect_rc(set_base_table(pt_dom->vcpu0, max_mfn), -EINVAL);
	expect_unchanged();
}
END_TEST

START_TEST(own_shared_info_and_foreign_frames_at_l1)
{
	struct tree t;
	mfn_t si = pt_dom->shared_info_mfn, theirs;

	build_tree(&t);
	theirs = fake_frame_alloc(pt_other->domid);
	table(t.l1)[9] = pte(si, RW_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	expect_frame(si, 2, 0, PGT_SHARED_INFO);
	expect_rc(pt_update(t.l1, 1, 9, 0, pt_dom), 0);
	expect_frame(si, 1, 0, PGT_SHARED_INFO);

	/* As an L2 entry it is refused; the type rule answers first (-EBUSY). */
	pt_save_counts();
	expect_rc(pt_update(t.l2, 2, 9, pte(si, PT_FLAGS), pt_dom), -EBUSY);
	expect_unchanged();

	/* A privileged caller's foreign mapping (mmu_update's foreign_dom). */
	expect_rc(get_entry_refs(pt_dom, 1, 10, pte(theirs, RW_FLAGS), pt_other), 0);
	expect_frame(theirs, 2, 1, PGT_WRITABLE);
	put_entry_refs(1, 10, pte(theirs, RW_FLAGS));
	expect_frame(theirs, 1, 0, PGT_NONE);
	expect_rc(get_entry_refs(pt_dom, 2, 10, pte(theirs, PT_FLAGS), pt_other), -EPERM);
}
END_TEST

START_TEST(shared_l1_survives_removal_of_one_entry)
{
	struct tree t;
	mfn_t l2b;

	build_tree(&t);
	l2b = pt_dom_frame();
	table(t.l2)[4] = pte(t.l1, PT_FLAGS);
	table(t.l3)[3] = pte(l2b, PT_FLAGS);
	table(l2b)[0] = pte(t.l1, PT_FLAGS);
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	expect_frame(t.l1, 4, 3, PGT_L1);
	expect_frame(t.rw[0], 2, 1, PGT_WRITABLE);	/* validated once */

	expect_rc(pt_update(t.l2, 2, 4, 0, pt_dom), 0);
	expect_frame(t.l1, 3, 2, PGT_L1);
	expect_rc(pt_update(t.l2, 2, 3, 0, pt_dom), 0);
	expect_frame(t.l1, 2, 1, PGT_L1);
	expect_frame(t.rw[0], 2, 1, PGT_WRITABLE);
	percpu0.exit_work = 0;
	expect_rc(pt_update(t.l3, 3, 3, 0, pt_dom), 0);	/* drops l2b, then the L1's last use */
	expect_frame(l2b, 1, 0, PGT_NONE);
	expect_frame(t.l1, 1, 0, PGT_NONE);
	expect_frame(t.rw[0], 1, 0, PGT_NONE);
	ck_assert(percpu0.exit_work & EXIT_WORK_TLB_FLUSH);
	expect_rc(pt_unpin(t.l4), 0);
	expect_tree_free(&t);
}
END_TEST

START_TEST(pins_do_not_nest)
{
	struct tree t;

	build_tree(&t);
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l4, 4), -EINVAL);
	expect_unchanged();
	expect_rc(pin_table(pt_dom, t.l1, 1), 0);	/* in use as an L1 already */
	expect_frame(t.l1, 3, 2, PGT_L1);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l1, 1), -EINVAL);
	expect_rc(pin_table(pt_dom, t.l2, 3), -EBUSY);
	expect_rc(pin_table(pt_dom, t.rw[0], 1), -EBUSY);
	expect_unchanged();

	/* The L1 outlives the tree while pinned, and so do its mappings. */
	expect_rc(pt_unpin(t.l4), 0);
	expect_frame(t.l4, 1, 0, PGT_NONE);
	expect_frame(t.l2, 1, 0, PGT_NONE);
	expect_frame(t.l1, 2, 1, PGT_L1);
	expect_frame(t.rw[0], 2, 1, PGT_WRITABLE);
	expect_rc(pt_unpin(t.l1), 0);
	expect_tree_free(&t);
}
END_TEST

START_TEST(set_base_table_swaps_references)
{
	struct vcpu *v = pt_dom->vcpu0, v2 = { .domain = pt_dom, .cr3_mfn = INVALID_MFN };
	struct tree a, b, c;

	build_tree(&a);
	build_tree(&b);
	build_tree(&c);
	table(c.l2)[5] = pte(c.l2, PT_FLAGS);
	percpu0.current = v;

	expect_rc(set_base_table(v, a.l4), 0);
	expect_tree_validated(&a);
	ck_assert_uint_eq(mfn_to_page(a.l4)->flags & PGF_PINNED, 0);
	ck_assert_uint_eq(v->cr3_mfn, a.l4);
	ck_assert_uint_eq(fake_cr3, a.l4 << PAGE_SHIFT);
	percpu0.exit_work = 0;
	expect_rc(set_base_table(v, b.l4), 0);
	expect_tree_free(&a);
	expect_tree_validated(&b);
	ck_assert(percpu0.exit_work & EXIT_WORK_TLB_FLUSH);
	ck_assert_uint_eq(fake_cr3, b.l4 << PAGE_SHIFT);

	pt_save_counts();
	expect_rc(set_base_table(v, b.l4), 0);	/* the same again */
	expect_unchanged();
	expect_rc(set_base_table(v, c.l4), -EBUSY);
	expect_rc(set_base_table(v, b.rw[0]), -EBUSY);
	expect_rc(set_base_table(v, pt_dom->shared_info_mfn), -EPERM);
	expect_rc(set_base_table(v, pt_other->shared_info_mfn), -EPERM);
	expect_unchanged();
	ck_assert_uint_eq(v->cr3_mfn, b.l4);
	ck_assert_uint_eq(fake_cr3_writes, 3);

	/* Not the running vCPU: no cr3 write. A pinned L4 is not validated again. */
	expect_rc(pin_table(pt_dom, a.l4, 4), 0);
	expect_rc(set_base_table(&v2, a.l4), 0);
	expect_frame(a.l4, 3, 2, PGT_L4);
	expect_frame(a.l3, 2, 1, PGT_L3);
	ck_assert_uint_eq(fake_cr3_writes, 3);
	expect_rc(set_base_table(&v2, b.l4), 0);
	expect_frame(a.l4, 2, 1, PGT_L4);
	expect_frame(b.l4, 3, 2, PGT_L4);
}
END_TEST

START_TEST(get_page_type_conflicts)
{
	struct tree t;
	mfn_t si = pt_dom->shared_info_mfn, spare;

	build_tree(&t);
	spare = pt_dom_frame();
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	pt_save_counts();
	expect_rc(get_page_type(t.l1, pt_dom, PGT_WRITABLE), -EBUSY);
	expect_log("is in use as L1, not usable as writable");
	expect_rc(get_page_type(t.l1, pt_dom, PGT_L2), -EBUSY);
	expect_rc(get_page_type(t.rw[0], pt_dom, PGT_L1), -EBUSY);
	expect_rc(get_page_type(si, pt_dom, PGT_L1), -EBUSY);
	expect_rc(get_page_type(si, pt_dom, PGT_WRITABLE), 0);	/* counts nothing */
	expect_unchanged();
	put_page_type(si);
	expect_unchanged();

	expect_rc(get_page_type(t.l1, pt_dom, PGT_L1), 0);
	expect_frame(t.l1, 2, 2, PGT_L1);
	put_page_type(t.l1);
	expect_unchanged();

	expect_rc(get_page_type(spare, pt_dom, PGT_WRITABLE), 0);
	expect_frame(spare, 1, 1, PGT_WRITABLE);
	percpu0.exit_work = 0;
	put_page_type(spare);
	expect_frame(spare, 1, 0, PGT_NONE);
	ck_assert(percpu0.exit_work & EXIT_WORK_TLB_FLUSH);
}
END_TEST

START_TEST(last_type_ref_releases_children)
{
	struct tree t;

	build_tree(&t);
	pt_save_counts();
	/* A bare type reference on the L3 validates the subtree below it... */
	expect_rc(get_page_type(t.l3, pt_dom, PGT_L3), 0);
	expect_frame(t.l3, 1, 1, PGT_L3);
	expect_frame(t.l2, 2, 1, PGT_L2);
	expect_frame(t.l1, 2, 1, PGT_L1);
	expect_frame(t.rw[1], 2, 1, PGT_WRITABLE);
	expect_frame(t.ro[1], 2, 0, PGT_NONE);
	expect_frame(t.l4, 1, 0, PGT_NONE);
	/* ... and dropping it releases everything, recursively. */
	put_page_type(t.l3);
	expect_unchanged();

	/* With an inner table pinned, only what is above it goes. */
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	expect_rc(pin_table(pt_dom, t.l2, 2), 0);
	expect_rc(pt_unpin(t.l4), 0);
	expect_frame(t.l4, 1, 0, PGT_NONE);
	expect_frame(t.l3, 1, 0, PGT_NONE);
	expect_frame(t.l2, 2, 1, PGT_L2);
	expect_frame(t.l1, 2, 1, PGT_L1);
	expect_frame(t.rw[0], 2, 1, PGT_WRITABLE);
	expect_frame(t.ro[0], 2, 0, PGT_NONE);
	expect_rc(pt_unpin(t.l2), 0);
	expect_unchanged();
}
END_TEST

/*
 * A grant mapping's L1 entry (PTE_GRANT_MAP) holds no references of its
 * own: no guest entry may carry the bit, and releasing the L1 hands the
 * entry to the grant code exactly once instead of dropping references on
 * the frame it maps (which belong to the grant's record).
 */
START_TEST(grant_entries_are_left_to_the_grant_code)
{
	struct tree t;
	mfn_t granted;
	uint64_t entry;

	build_tree(&t);
	granted = fake_frame_alloc(pt_other->domid);
	entry = pte(granted, RW_FLAGS | _PAGE_NX | PTE_GRANT_MAP);
	pt_save_counts();
	table(t.l1)[7] = entry;
	expect_rc(pin_table(pt_dom, t.l1, 1), -EINVAL);
	expect_unchanged();
	table(t.l1)[7] = 0;
	expect_rc(pin_table(pt_dom, t.l1, 1), 0);
	expect_rc(pt_update(t.l1, 1, 8, pte(t.rw[0], RW_FLAGS | PTE_GRANT_MAP), pt_dom), -EINVAL);
	/* What the grant code writes into a validated L1, as map_grant_ref does. */
	table(t.l1)[7] = entry;
	put_entry_refs(1, 7, entry);
	expect_frame(granted, 1, 0, PGT_NONE);
	expect_rc(pt_unpin(t.l1), 0);
	ck_assert_uint_eq(fake_grant_releases, 1);
	ck_assert_uint_eq(fake_grant_released_maddr, (t.l1 << PAGE_SHIFT) | 7 * 8);
	ck_assert_uint_eq(table(t.l1)[7], 0);
	expect_frame(granted, 1, 0, PGT_NONE);
	expect_frame(t.l1, 1, 0, PGT_NONE);
}
END_TEST

/* A refusal in the very last slot, after many references: all given back. */
START_TEST(late_failure_rolls_back_everything)
{
	struct tree t;
	mfn_t theirs;

	build_tree(&t);
	theirs = fake_frame_alloc(pt_other->domid);
	for (unsigned int slot = 0; slot < 511; slot++)
		if (slot != 1 && !l4_slot_reserved(slot))
			table(t.l4)[slot] = pte(t.l3, PT_FLAGS);
	for (unsigned int slot = 4; slot < 511; slot++)
		table(t.l1)[slot] = pte(t.rw[slot & 1], RW_FLAGS);
	table(t.l1)[511] = pte(theirs, RO_FLAGS);
	pt_save_counts();
	expect_rc(pin_table(pt_dom, t.l4, 4), -EPERM);
	expect_unchanged();

	table(t.l1)[511] = 0;
	expect_rc(pin_table(pt_dom, t.l4, 4), 0);
	/* Slots 0-510 less the 16 reserved ones; even L1 slots 0 and 4-510. */
	expect_frame(t.l3, 1 + 495, 495, PGT_L3);
	expect_frame(t.rw[0], 1 + 255, 255, PGT_WRITABLE);
	expect_frame(t.rw[1], 1 + 254, 254, PGT_WRITABLE);
	expect_rc(pt_unpin(t.l4), 0);
	expect_unchanged();
}
END_TEST

START_TEST(reference_counts_saturate)
{
	mfn_t f = pt_dom_frame(), g = pt_dom_frame();

	mfn_to_page(f)->count = UINT32_MAX;
	expect_rc(get_page(f, pt_dom), -EBUSY);
	ck_assert_uint_eq(mfn_to_page(f)->count, UINT32_MAX);
	mfn_to_page(f)->count = 1;

	expect_rc(get_page_type(g, pt_dom, PGT_WRITABLE), 0);
	mfn_to_page(g)->type_count = UINT32_MAX;
	expect_rc(get_entry_refs(pt_dom, 1, 0, pte(g, RW_FLAGS), pt_dom), -EBUSY);
	expect_frame(g, 1, UINT32_MAX, PGT_WRITABLE);
}
END_TEST

Suite *page_type_suite(void)
{
	Suite *s = suite_create("page_type");
	TCase *valid = tcase_create("validation");
	TCase *refs = tcase_create("references");

	tcase_add_checked_fixture(valid, pt_setup, pt_teardown);
	tcase_add_test(valid, pin_l4_validates_tree);
	tcase_add_test(valid, unpin_releases_tree);
	tcase_add_test(valid, writable_map_of_own_table_is_refused);
	tcase_add_test(valid, frame_mapped_writable_cannot_become_table);
	tcase_add_test(valid, recursive_tables_are_refused);
	tcase_add_test(valid, l2_pointing_at_another_l2_is_refused);
	tcase_add_test(valid, superpage_and_cache_bits_are_refused);
	tcase_add_test(valid, frames_not_the_domains_are_refused);
	tcase_add_test(valid, frames_past_ram_are_refused);
	tcase_add_test(valid, late_failure_rolls_back_everything);
	suite_add_tcase(s, valid);

	tcase_add_checked_fixture(refs, pt_setup, pt_teardown);
	tcase_add_test(refs, own_shared_info_and_foreign_frames_at_l1);
	tcase_add_test(refs, shared_l1_survives_removal_of_one_entry);
	tcase_add_test(refs, pins_do_not_nest);
	tcase_add_test(refs, set_base_table_swaps_references);
	tcase_add_test(refs, get_page_type_conflicts);
	tcase_add_test(refs, last_type_ref_releases_children);
	tcase_add_test(refs, reference_counts_saturate);
	tcase_add_test(refs, grant_entries_are_left_to_the_grant_code);
	suite_add_tcase(s, refs);

	suite_add_tcase(s, page_type_random_tcase());
	return s;
}
