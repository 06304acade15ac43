/* SPDX-License-Identifier: MIT */
/*
 * Tests for common/mm_rules.c: the flag rules of guest page-table entries
 * at every level, bit by bit, and the reserved L4 slots (docs/MEMORY.md,
 * "Entry rules"). A hypervisor that let one of these bits through would
 * let a guest build superpages over frames it does not own, change cache
 * attributes, or plant entries in the hypervisor's half of every L4.
 *
 * The expected answers are written out here from docs/MEMORY.md, bit
 * numbers as plain numbers, not taken from the masks under test. Two
 * notes on the reason strings: bit 7 reads "PAT bit" at L1 and "PSE
 * (superpage) bit" above (mm_rules.h's comment still says "PSE/PAT bit");
 * and no entry can reach "unknown flag" today, since every bit outside
 * the frame number is either allowed or has its own reason
 * (rule_table_covers_every_bit shows the table is complete).
 */
#include <public/errno.h>
#include "mm_rules.h"
#include "unit.h"

#define P		1ULL	/* Present: the rules only ever see present entries */
#define BIT(n)		(1ULL << (n))
#define TOP_FRAME	0x000ffffffffff000ULL
#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/* Every bit of an entry, with what a present entry carrying it gets. */
static const struct bit_rule {
	unsigned int first, last;
	const char *name;
	const char *why_l1;	/* NULL: accepted at L1 */
	const char *why_upper;	/* NULL: accepted at L2-L4 */
} bit_rules[] = {
	{ 0, 0, "Present", NULL, NULL },
	{ 1, 1, "RW", NULL, NULL },
	{ 2, 2, "User", NULL, NULL },
	{ 3, 3, "PWT", "cache-control bits", "cache-control bits" },
	{ 4, 4, "PCD", "cache-control bits", "cache-control bits" },
	{ 5, 5, "Accessed", NULL, NULL },
	{ 6, 6, "Dirty", NULL, NULL },
	{ 7, 7, "PAT/PSE", "PAT bit", "PSE (superpage) bit" },
	{ 8, 8, "Global", NULL, "Global above L1" },
	{ 9, 11, "AVL", NULL, NULL },
	{ 12, 51, "frame number", NULL, NULL },
	{ 52, 62, "bits 52-62", "bits 52-62 set", "bits 52-62 set" },
	{ 63, 63, "NX", NULL, NULL },
};

/* The flags each level accepts, as bit lists from docs/MEMORY.md. */
static const unsigned int allowed_l1[] = { 0, 1, 2, 5, 6, 8, 9, 10, 11, 63 };
static const unsigned int allowed_upper[] = { 0, 1, 2, 5, 6, 9, 10, 11, 63 };

/* Non-reserved L4 slots next to and between the reserved ranges. */
static const unsigned int l4_plain_slots[] = { 0, 1, 255, 272, 300, 510 };

static void expect_rule(unsigned int level, unsigned int slot, uint64_t pte, const char *want)
{
	const char *why = NULL;
	int rc = pte_check_flags(level, slot, pte, &why);

	if (!want) {
		unit_check(rc == 0, "L%u slot %u pte %#llx: expected accepted, got %d (%s)",
			   level, slot, (unsigned long long)pte, rc, why ? why : "no reason");
		return;
	}
	unit_check(rc == -SHALE_EINVAL, "L%u slot %u pte %#llx: expected -EINVAL (%s), got %d",
		   level, slot, (unsigned long long)pte, want, rc);
	unit_check(why && strcmp(why, want) == 0,
		   "L%u slot %u pte %#llx: expected \"%s\", got \"%s\"", level, slot,
		   (unsigned long long)pte, want, why ? why : "(null)");
}

static uint64_t mask_of(const unsigned int *bits, size_t n)
{
	uint64_t m = 0;

	for (size_t i = 0; i < n; i++)
		m |= BIT(bits[i]);
	return m;
}

START_TEST(rule_table_covers_every_bit)
{
	uint64_t seen = 0;

	for (size_t r = 0; r < COUNT(bit_rules); r++) {
		for (unsigned int b = bit_rules[r].first; b <= bit_rules[r].last; b++) {
			ck_assert_msg(!(seen & BIT(b)), "bit %u listed twice", b);
			seen |= BIT(b);
		}
	}
	ck_assert_uint_eq(seen, ~0ULL);
}
END_TEST

START_TEST(masks_match_the_documented_bits)
{
	ck_assert_uint_eq(PTE_GUEST_FLAGS_L1, mask_of(allowed_l1, 10));
	ck_assert_uint_eq(PTE_GUEST_FLAGS_UPPER, mask_of(allowed_upper, 9));
	ck_assert_uint_eq(PTE_FRAME_MASK, TOP_FRAME);
	ck_assert_uint_eq(pte_mfn(BIT(63) | BIT(55) | 0x123456789000ULL | 0xfff), 0x123456789ULL);
	ck_assert_uint_eq(pte_mfn(~0ULL), 0xffffffffffULL);
}
END_TEST

/* Each bit alone (with Present) at each level, in an ordinary L4 slot. */
START_TEST(every_bit_at_every_level)
{
	for (unsigned int level = 1; level <= 4; level++) {
		for (size_t r = 0; r < COUNT(bit_rules); r++) {
			const struct bit_rule *br = &bit_rules[r];
			const char *want = level == 1 ? br->why_l1 : br->why_upper;

			for (unsigned int b = br->first; b <= br->last; b++)
				for (size_t s = 0; s < COUNT(l4_plain_slots); s++)
					expect_rule(level, l4_plain_slots[s], P | BIT(b), want);
		}
	}
}
END_TEST

/* Every subset of the allowed flags, over the lowest, a middle and the top frame. */
START_TEST(allowed_flags_in_every_combination)
{
	static const uint64_t frames[] = { 0, 0x1000, 0x7654321000ULL, TOP_FRAME };

	for (unsigned int level = 1; level <= 4; level++) {
		const unsigned int *bits = level == 1 ? allowed_l1 : allowed_upper;
		unsigned int n = level == 1 ? 10 : 9;

		for (unsigned int subset = 0; subset < (1u << n); subset++) {
			uint64_t flags = P;

			for (unsigned int i = 0; i < n; i++)
				if (subset & (1u << i))
					flags |= BIT(bits[i]);
			for (size_t f = 0; f < COUNT(frames); f++)
				expect_rule(level, 0, frames[f] | flags, NULL);
		}
	}
}
END_TEST

/* All allowed flags and a full frame number do not hide a refused bit. */
START_TEST(refused_bit_with_everything_allowed)
{
	for (unsigned int level = 1; level <= 4; level++) {
		uint64_t ok = TOP_FRAME | (level == 1 ? mask_of(allowed_l1, 10)
						      : mask_of(allowed_upper, 9));

		for (size_t r = 0; r < COUNT(bit_rules); r++) {
			const struct bit_rule *br = &bit_rules[r];
			const char *want = level == 1 ? br->why_l1 : br->why_upper;

			for (unsigned int b = br->first; b <= br->last; b++)
				expect_rule(level, 3, ok | BIT(b), want);
		}
	}
}
END_TEST

/* Several refused bits at once: the reason follows the order in mm_rules.h. */
START_TEST(first_reason_wins)
{
	uint64_t all = P | BIT(3) | BIT(4) | BIT(7) | BIT(8) | BIT(52) | BIT(62);

	expect_rule(4, 256, all, "reserved L4 slot");
	expect_rule(4, 0, all, "PSE (superpage) bit");
	expect_rule(1, 0, all, "PAT bit");
	expect_rule(2, 0, all & ~BIT(7), "cache-control bits");
	expect_rule(3, 0, P | BIT(8) | BIT(60), "Global above L1");
	expect_rule(1, 0, P | BIT(8) | BIT(60), "bits 52-62 set");
	expect_rule(2, 0, P | BIT(52) | BIT(62), "bits 52-62 set");
}
END_TEST

START_TEST(reserved_l4_slots)
{
	static const struct {
		unsigned int slot;
		bool reserved;
	} cases[] = {
		{ 0, false }, { 255, false }, { 256, true }, { 271, true },
		{ 272, false }, { 510, false }, { 511, true },
	};
	unsigned int n = 0;

	for (size_t i = 0; i < COUNT(cases); i++)
		ck_assert_msg(l4_slot_reserved(cases[i].slot) == cases[i].reserved,
			      "slot %u: expected %d", cases[i].slot, cases[i].reserved);
	for (unsigned int slot = 0; slot < 512; slot++)
		n += l4_slot_reserved(slot);
	ck_assert_uint_eq(n, 17);
}
END_TEST

/* A present entry, however well formed, is refused in a reserved L4 slot, and only there. */
START_TEST(present_entry_in_reserved_slot)
{
	uint64_t good = 0x42000ULL | P | BIT(1) | BIT(2) | BIT(5);

	for (unsigned int slot = 0; slot < 512; slot++) {
		bool reserved = (slot >= 256 && slot <= 271) || slot == 511;

		expect_rule(4, slot, good, reserved ? "reserved L4 slot" : NULL);
		/* The slot means nothing below L4. */
		for (unsigned int level = 1; level <= 3; level++)
			expect_rule(level, slot, good, NULL);
	}
}
END_TEST

/*
 * Random entries against the rules of docs/MEMORY.md restated as a model
 * (in the documented precedence), at random levels and slots.
 */
static const char *model(unsigned int level, unsigned int slot, uint64_t pte)
{
	if (level == 4 && ((slot >= 256 && slot <= 271) || slot == 511))
		return "reserved L4 slot";
	if (pte & BIT(7))
		return level == 1 ? "PAT bit" : "PSE (superpage) bit";
	if (pte & (BIT(3) | BIT(4)))
		return "cache-control bits";
	if (level > 1 && (pte & BIT(8)))
		return "Global above L1";
	if (pte & 0x7ff0000000000000ULL)
		return "bits 52-62 set";
	return NULL;
}

START_TEST(fuzz_agrees_with_model)
{
	uint64_t seed = 0x6d6d5f72756c6573ULL;

	for (unsigned int i = 0; i < 200000; i++) {
		uint64_t r = unit_rand(&seed), pte = unit_rand(&seed) | P;
		unsigned int level = 1 + r % 4, slot = (r >> 8) % 512;

		/* Sparse values too, so that accepted entries are common. */
		if (r & BIT(40))
			pte &= TOP_FRAME | (unit_rand(&seed) & unit_rand(&seed) &
					    unit_rand(&seed));
		expect_rule(level, slot, pte | P, model(level, slot, pte | P));
	}
}
END_TEST

Suite *mm_rules_suite(void)
{
	Suite *s = suite_create("mm_rules");
	TCase *flags = tcase_create("flags");
	TCase *slots = tcase_create("slots");

	tcase_add_test(flags, rule_table_covers_every_bit);
	tcase_add_test(flags, masks_match_the_documented_bits);
	tcase_add_test(flags, every_bit_at_every_level);
	tcase_add_test(flags, allowed_flags_in_every_combination);
	tcase_add_test(flags, refused_bit_with_everything_allowed);
	tcase_add_test(flags, first_reason_wins);
	tcase_add_test(flags, fuzz_agrees_with_model);
	suite_add_tcase(s, flags);

	tcase_add_test(slots, reserved_l4_slots);
	tcase_add_test(slots, present_entry_in_reserved_slot);
	suite_add_tcase(s, slots);
	return s;
}
