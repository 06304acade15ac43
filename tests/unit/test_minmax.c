/* SPDX-License-Identifier: MIT */
/*
 * MIN and MAX of the hypervisor (types.h) and of guest-kernel
 * (compiler.h) evaluate each argument exactly once. A second read of
 * MIN(len, room()) once let a guest's console write more bytes than it
 * was given: the other side had freed the ring between the two reads.
 */
#include "types.h"
#include "unit.h"

static unsigned int reads;
static unsigned int room_value;

/* A ring's free room that the other side frees right after it is read. */
static unsigned int read_room(void)
{
	unsigned int now = room_value;

	reads++;
	room_value = 2048;
	return now;
}

static unsigned int hv_min(unsigned int want)
{
	return MIN(want, read_room());
}

static unsigned int hv_max(unsigned int want)
{
	return MAX(want, read_room());
}

#undef MIN
#undef MAX
#undef ARRAY_SIZE
#include "../../guest-kernel/include/compiler.h"

static unsigned int guest_min(unsigned int want)
{
	return MIN(want, read_room());
}

static unsigned int guest_max(unsigned int want)
{
	return MAX(want, read_room());
}

static const struct {
	const char *name;
	unsigned int (*min)(unsigned int), (*max)(unsigned int);
} impls[] = {
	{ "hypervisor", hv_min, hv_max },
	{ "guest-kernel", guest_min, guest_max },
};

START_TEST(min_reads_its_arguments_once)
{
	reads = 0;
	room_value = 0;
	ck_assert_msg(impls[_i].min(64) == 0, "%s MIN used a second read", impls[_i].name);
	ck_assert_uint_eq(reads, 1);
	room_value = 100;
	ck_assert_uint_eq(impls[_i].min(64), 64);
	ck_assert_uint_eq(reads, 2);
}
END_TEST

START_TEST(max_reads_its_arguments_once)
{
	reads = 0;
	room_value = 4096;
	ck_assert_msg(impls[_i].max(64) == 4096, "%s MAX used a second read", impls[_i].name);
	ck_assert_uint_eq(reads, 1);
	room_value = 1;
	ck_assert_uint_eq(impls[_i].max(64), 64);
	ck_assert_uint_eq(reads, 2);
}
END_TEST

START_TEST(mixed_widths_keep_the_common_type)
{
	uint64_t big = 1ULL << 40;
	uint32_t small = 7;

	ck_assert_uint_eq(MIN(big, small), 7);
	ck_assert_uint_eq(MAX(big, small), big);
	ck_assert_int_eq(MIN(-3, 2), -3);
	ck_assert_int_eq(MAX(-3, 2), 2);
}
END_TEST

Suite *minmax_suite(void)
{
	Suite *s = suite_create("minmax");
	TCase *tc = tcase_create("once");

	tcase_add_loop_test(tc, min_reads_its_arguments_once, 0, (int)(sizeof(impls) / sizeof(impls[0])));
	tcase_add_loop_test(tc, max_reads_its_arguments_once, 0, (int)(sizeof(impls) / sizeof(impls[0])));
	tcase_add_test(tc, mixed_widths_keep_the_common_type);
	suite_add_tcase(s, tc);
	return s;
}
