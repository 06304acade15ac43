/* SPDX-License-Identifier: MIT */
/*
 * The harness shared by test_page_type.c and test_page_type_random.c: two
 * domains on the fake arch, entry helpers, frame-table snapshots, and the
 * two mm.c operations the tests need (which are static in mm.c).
 */
#ifndef SHALE_TESTS_UNIT_PAGE_TYPE_TEST_H
#define SHALE_TESTS_UNIT_PAGE_TYPE_TEST_H

#include <arch/page.h>
#include "fake_mm.h"
#include "mm.h"
#include "mm_rules.h"
#include "unit.h"

#define PT_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define RW_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define RO_FLAGS	(_PAGE_PRESENT | _PAGE_USER)

/* Domain 1, whose tables are tested, and domain 2, whose frames it must not map. */
extern struct domain *pt_dom, *pt_other;

/* The checked fixture: fresh fake frames and the two domains. */
void pt_setup(void);
void pt_teardown(void);

static inline uint64_t pte(mfn_t mfn, uint64_t flags)
{
	return (mfn << PAGE_SHIFT) | flags;
}

static inline uint64_t *table(mfn_t mfn)
{
	return mfn_to_virt(mfn);
}

/* A new zeroed frame of pt_dom (count 1, no type). */
mfn_t pt_dom_frame(void);

/* Remembers every page_info, and clears the log, before an operation. */
void pt_save_counts(void);
/* Fails the test unless every page_info is byte for byte as saved. */
#define expect_unchanged()	pt_expect_unchanged_at(__LINE__)
void pt_expect_unchanged_at(int line);

#define expect_frame(mfn, count, type_count, type) \
	pt_expect_frame_at(__LINE__, mfn, count, type_count, type)
void pt_expect_frame_at(int line, mfn_t mfn, uint32_t count, uint32_t type_count,
			enum page_type type);

#define expect_rc(expr, want)	pt_expect_rc_at(__LINE__, #expr, (expr), (want))
void pt_expect_rc_at(int line, const char *what, int rc, int want);

/* mm.c's unpin_table() for pt_dom: 0, -EINVAL (not RAM, not pinned), -EPERM. */
int pt_unpin(mfn_t mfn);
/*
 * mm.c's pt_update() on a table of pt_dom whose level is known: takes the
 * new entry's references (L1 entries may map fd's frames), writes it, then
 * releases the old entry's. 0 or get_entry_refs()'s error.
 */
int pt_update(mfn_t mfn, unsigned int level, unsigned int slot, uint64_t val,
	      struct domain *fd);

/* The randomized test, a test case of its own in the page_type suite. */
TCase *page_type_random_tcase(void);

#endif /* SHALE_TESTS_UNIT_PAGE_TYPE_TEST_H */
