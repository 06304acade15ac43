/* SPDX-License-Identifier: MIT */
/*
 * The randomized test of common/page_type.c. A pool of the domain's
 * frames, each meant for one level (so that many trees validate), is
 * written, linked, pinned, unpinned and loaded as cr3 in random order
 * with a fixed seed, with some wild entries among them: wrong level,
 * other owners, past RAM, refused bits, and foreign mappings as a
 * privileged caller makes them.
 *
 * After every step every count is recomputed from the live tables: a
 * frame's general count is its allocation + its pin + cr3 + the present
 * entries naming it in tables in use; its type count is the same without
 * read-only L1 mappings; every such entry must follow the rules. A refused
 * step must have changed nothing. At the end everything is unpinned and
 * cr3 dropped, and every frame must be back to its allocation reference.
 */
#include "page_type_test.h"

#define POOL		96
#define ROUNDS		6
#define STEPS		3000

struct world {
	mfn_t pool[POOL];
	bool pinned[POOL];
	mfn_t theirs;		/* a frame of pt_other */
	uint64_t seed;
	unsigned int step;
	unsigned int pins_ok, bases_ok, updates_ok, foreign_ok;
	unsigned int refused_einval, refused_eperm, refused_ebusy;
};

/* Pool index ranges per intended level: L4 0-5, L3 6-17, L2 18-35, L1 36-59, data 60-95. */
static const unsigned int role_start[] = { 60, 36, 18, 6, 0 };
static const unsigned int role_end[] = { 96, 60, 36, 18, 6 };

static unsigned int rnd(struct world *w, unsigned int n)
{
	return unit_rand(&w->seed) % n;
}

/* A random pool index meant for level (0: data). */
static unsigned int pick(struct world *w, unsigned int level)
{
	return role_start[level] + rnd(w, role_end[level] - role_start[level]);
}

static unsigned int role_of(unsigned int i)
{
	unsigned int level = 0;

	while (level < 4 && i < role_start[level])
		level++;
	return level;
}

static uint64_t random_entry(struct world *w, unsigned int level)
{
	static const uint64_t bad[] = { _PAGE_PWT, _PAGE_PCD, _PAGE_PSE, _PAGE_GLOBAL,
					1ULL << 52, 1ULL << 62 };
	uint64_t r = unit_rand(&w->seed);
	uint64_t flags = _PAGE_PRESENT | ((r >> 8) & (_PAGE_RW | _PAGE_USER | _PAGE_ACCESSED));

	switch (r % 32) {
	case 0 ... 7:
		return r & 64 ? 0 : unit_rand(&w->seed) & ~_PAGE_PRESENT;
	case 8:
		return pte(w->pool[rnd(w, POOL)], flags);
	case 9:
		return pte(w->theirs, flags);
	case 10:
		return pte(pt_dom->shared_info_mfn, flags);
	case 11:
		return pte(max_mfn + r % 4, flags);
	case 12:
		return pte(w->pool[pick(w, level - 1)], flags | bad[(r >> 16) % ARRAY_SIZE(bad)]);
	default:
		return pte(w->pool[pick(w, level - 1)], flags);
	}
}

static unsigned int random_slot(struct world *w)
{
	return rnd(w, 8) ? rnd(w, 6) : rnd(w, 512);
}

static bool is_table(mfn_t mfn)
{
	return page_type_is_table(mfn_to_page(mfn)->type);
}

/* Adds what the entries of table mfn (in use) reference to count[] and tc[]. */
static void count_refs(const struct world *w, mfn_t mfn, uint32_t *count, uint32_t *tc)
{
	unsigned int level = mfn_to_page(mfn)->type - PGT_L1 + 1;
	const uint64_t *t = table(mfn);
	const char *why;

	for (unsigned int slot = 0; slot < 512; slot++) {
		uint64_t e = t[slot];
		mfn_t to = pte_mfn(e);
		const struct page_info *pg;
		bool may_map;

		if (level == 4 && l4_slot_reserved(slot)) {
			unit_check(e == fake_reserved_entry(slot), "step %u: L4 %lu slot %u: %#lx",
				   w->step, mfn, slot, e);
			continue;
		}
		if (!(e & _PAGE_PRESENT))
			continue;
		unit_check(pte_check_flags(level, slot, e, &why) == 0 && to < max_mfn,
			   "step %u: L%u %lu slot %u holds %#lx", w->step, level, mfn, slot, e);
		pg = mfn_to_page(to);
		may_map = pg->owner == pt_dom->domid ||
			  (level == 1 && (to == pt_dom->shared_info_mfn || to == w->theirs));
		unit_check(may_map, "step %u: L%u %lu slot %u maps mfn %lu of owner %u", w->step,
			   level, mfn, slot, to, pg->owner);
		count[to]++;
		if (level > 1 || ((e & _PAGE_RW) && to != pt_dom->shared_info_mfn)) {
			unit_check(pg->type == (level > 1 ? table_type(level - 1) : PGT_WRITABLE),
				   "step %u: L%u %lu slot %u: mfn %lu has type %u", w->step, level,
				   mfn, slot, to, pg->type);
			tc[to]++;
		}
	}
}

static void check_world(const struct world *w)
{
	static uint32_t count[FAKE_NR_FRAMES], tc[FAKE_NR_FRAMES];
	mfn_t cr3 = pt_dom->vcpu0->cr3_mfn;

	for (mfn_t m = 0; m < max_mfn; m++) {
		count[m] = frame_table[m].owner != OWNER_FREE;
		tc[m] = 0;
	}
	for (unsigned int i = 0; i < POOL; i++) {
		unit_check(!(mfn_to_page(w->pool[i])->flags & PGF_PINNED) == !w->pinned[i],
			   "step %u: mfn %lu pinned flag", w->step, w->pool[i]);
		count[w->pool[i]] += w->pinned[i];
		tc[w->pool[i]] += w->pinned[i];
	}
	if (cr3 != INVALID_MFN) {
		count[cr3]++;
		tc[cr3]++;
	}
	for (mfn_t m = 0; m < max_mfn; m++)
		if (is_table(m))
			count_refs(w, m, count, tc);
	for (mfn_t m = 0; m < max_mfn; m++) {
		const struct page_info *pg = mfn_to_page(m);

		unit_check(pg->count == count[m] && pg->type_count == tc[m],
			   "step %u: mfn %lu: expected count %u, type_count %u; got %u, %u",
			   w->step, m, count[m], tc[m], pg->count, pg->type_count);
		if (pg->owner != OWNER_HV && !tc[m])
			unit_check(pg->type == PGT_NONE && !pg->flags,
				   "step %u: mfn %lu unused but type %u flags %#x", w->step, m,
				   pg->type, pg->flags);
	}
}

/* Counts a result; a refusal must have changed nothing. */
static void tally(struct world *w, int rc, unsigned int *ok)
{
	switch (rc) {
	case 0:
		(*ok)++;
		return;
	case -EINVAL:
		w->refused_einval++;
		break;
	case -EPERM:
		w->refused_eperm++;
		break;
	case -EBUSY:
		w->refused_ebusy++;
		break;
	default:
		ck_abort_msg("step %u: unexpected rc %d", w->step, rc);
	}
	expect_unchanged();
}

/* An entry update in a table in use, sometimes a foreign L1 mapping. */
static void random_update(struct world *w, mfn_t mfn)
{
	unsigned int level = mfn_to_page(mfn)->type - PGT_L1 + 1, slot = random_slot(w);

	if (level == 4 && l4_slot_reserved(slot))
		return;	/* mm.c refuses these before get_entry_refs() */
	if (level == 1 && !rnd(w, 4)) {
		uint64_t val = pte(w->theirs, RO_FLAGS | (rnd(w, 2) ? _PAGE_RW : 0));

		tally(w, pt_update(mfn, 1, slot, val, pt_other), &w->foreign_ok);
		return;
	}
	tally(w, pt_update(mfn, level, slot, random_entry(w, level), pt_dom), &w->updates_ok);
}

static void random_pin(struct world *w, unsigned int i, bool wild)
{
	mfn_t mfn = w->pool[i];
	unsigned int level = role_of(i) ? role_of(i) : 1 + rnd(w, 4);
	int rc;

	if (wild && !rnd(w, 4))
		mfn = (mfn_t[]){ w->theirs, pt_dom->shared_info_mfn, max_mfn }[rnd(w, 3)];
	else if (wild)
		level = 1 + rnd(w, 4);
	rc = pin_table(pt_dom, mfn, level);
	if (mfn == w->pool[i] && w->pinned[i])
		ck_assert_int_eq(rc, -EINVAL);
	tally(w, rc, &w->pins_ok);
	if (!rc)
		w->pinned[i] = true;
}

static void random_step(struct world *w)
{
	unsigned int i = rnd(w, POOL), op = rnd(w, 16), level = role_of(i);
	mfn_t mfn = w->pool[i], old = pt_dom->vcpu0->cr3_mfn;
	int rc;

	pt_save_counts();
	if (op < 8 && !is_table(mfn)) {
		/* The guest writes a frame that is not a table: its own memory. */
		table(mfn)[random_slot(w)] = random_entry(w, level ? level : 1 + rnd(w, 4));
	} else if (op < 8) {
		random_update(w, mfn);
	} else if (op < 11) {
		random_pin(w, i, op == 10);
	} else if (op < 14) {
		ck_assert_int_eq(pt_unpin(mfn), w->pinned[i] ? 0 : -EINVAL);
		w->pinned[i] = false;
	} else {
		mfn = rnd(w, 8) ? w->pool[pick(w, 4)] : mfn;
		rc = set_base_table(pt_dom->vcpu0, mfn);
		tally(w, rc, &w->bases_ok);
		ck_assert_uint_eq(pt_dom->vcpu0->cr3_mfn, rc ? old : mfn);
	}
}

/* One round from fresh frames; returns its tallies. */
static struct world random_round(uint64_t seed)
{
	struct world w = { .seed = seed };
	struct vcpu *v = pt_dom->vcpu0;

	percpu0.current = v;
	for (unsigned int i = 0; i < POOL; i++)
		w.pool[i] = pt_dom_frame();
	w.theirs = fake_frame_alloc(pt_other->domid);
	for (unsigned int i = 0; i < role_start[0]; i++)
		for (unsigned int n = 0; n < 3; n++)
			table(w.pool[i])[random_slot(&w)] = random_entry(&w, role_of(i));
	for (w.step = 0; w.step < STEPS; w.step++) {
		random_step(&w);
		check_world(&w);
	}

	/* Unpin everything and drop cr3 as a vCPU teardown would. */
	for (unsigned int i = 0; i < POOL; i++)
		if (w.pinned[i])
			expect_rc(pt_unpin(w.pool[i]), 0);
	if (v->cr3_mfn != INVALID_MFN) {
		put_page_type(v->cr3_mfn);
		put_page(v->cr3_mfn);
		v->cr3_mfn = INVALID_MFN;
	}
	for (unsigned int i = 0; i < POOL; i++) {
		expect_frame(w.pool[i], 1, 0, PGT_NONE);
		ck_assert_uint_eq(mfn_to_page(w.pool[i])->flags, 0);
	}
	expect_frame(w.theirs, 1, 0, PGT_NONE);
	expect_frame(pt_dom->shared_info_mfn, 1, 0, PGT_SHARED_INFO);
	return w;
}

START_TEST(random_operations_release_everything)
{
	struct world total = { 0 };

	for (unsigned int round = 0; round < ROUNDS; round++) {
		struct world w;

		if (round) {
			pt_teardown();
			pt_setup();
		}
		w = random_round(0x70616765ULL + round);
		total.pins_ok += w.pins_ok;
		total.bases_ok += w.bases_ok;
		total.updates_ok += w.updates_ok;
		total.foreign_ok += w.foreign_ok;
		total.refused_einval += w.refused_einval;
		total.refused_eperm += w.refused_eperm;
		total.refused_ebusy += w.refused_ebusy;
	}
	/* The run must have exercised every path, not just refusals. */
	ck_assert_msg(total.pins_ok >= 200 && total.bases_ok >= 50 && total.updates_ok >= 500 &&
			      total.foreign_ok >= 50 && total.refused_einval >= 200 &&
			      total.refused_eperm >= 200 && total.refused_ebusy >= 200,
		      "too little coverage: %u pins, %u bases, %u updates, %u foreign; refused "
		      "%u EINVAL, %u EPERM, %u EBUSY", total.pins_ok, total.bases_ok,
		      total.updates_ok, total.foreign_ok, total.refused_einval,
		      total.refused_eperm, total.refused_ebusy);
}
END_TEST

TCase *page_type_random_tcase(void)
{
	TCase *tc = tcase_create("random");

	tcase_add_checked_fixture(tc, pt_setup, pt_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, random_operations_release_everything);
	return tc;
}
