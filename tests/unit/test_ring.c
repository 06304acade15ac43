/* SPDX-License-Identifier: MIT */
/*
 * Tests for include/public/io/ring.h, the request/response rings of split
 * drivers: slot counts, a round trip, when a push must notify, the final
 * checks before sleeping, a ring full of requests, indices wrapping past
 * 2^32, and peers that claim more than they may (their claims are
 * clamped, so a side never touches a slot it does not own).
 */
#include <public/io/ring.h>
#include "unit.h"

#define AREA	4096

struct test_req {
	uint64_t id;
	uint64_t arg;
};

struct test_rsp {
	uint64_t id;
	int64_t status;
};

union test_slot {
	struct test_req req;
	struct test_rsp rsp;
};

static _Alignas(4096) unsigned char area[AREA];
static struct shale_ring_front front;
static struct shale_ring_back back;

static void setup(uint32_t start)
{
	memset(area, 0xee, sizeof(area));
	shale_ring_init_shared(area);
	((struct shale_ring_header *)area)->req_prod = start;
	((struct shale_ring_header *)area)->rsp_prod = start;
	ck_assert(shale_ring_front_init(&front, area, AREA, sizeof(union test_slot)));
	ck_assert(shale_ring_back_init(&back, area, AREA, sizeof(union test_slot)));
}

/* Fills n requests with ids from id; returns whether the push asked to notify. */
static bool send_requests(unsigned int n, uint64_t id)
{
	for (unsigned int i = 0; i < n; i++) {
		struct test_req *r = shale_ring_front_slot(&front, front.req_prod_pvt++);

		r->id = id + i;
		r->arg = (id + i) * 3;
	}
	return shale_ring_push_requests(&front);
}

/* Consumes every request and answers each in place; returns whether to notify. */
static bool answer_requests(unsigned int expected)
{
	uint32_t n = shale_ring_unconsumed_requests(&back);

	ck_assert_uint_eq(n, expected);
	for (uint32_t i = 0; i < n; i++) {
		struct test_req req = *(struct test_req *)shale_ring_back_slot(&back, back.req_cons++);
		struct test_rsp *rsp = shale_ring_back_slot(&back, back.rsp_prod_pvt++);

		ck_assert_uint_eq(req.arg, req.id * 3);
		rsp->id = req.id;
		rsp->status = (int64_t)req.id;
	}
	return shale_ring_push_responses(&back);
}

static void take_responses(unsigned int expected, uint64_t first_id)
{
	bool bad = true;
	uint32_t n = shale_ring_unconsumed_responses(&front, &bad);

	ck_assert(!bad);
	ck_assert_uint_eq(n, expected);
	for (uint32_t i = 0; i < n; i++) {
		struct test_rsp *r = shale_ring_front_slot(&front, front.rsp_cons++);

		ck_assert_uint_eq(r->id, first_id + i);
		ck_assert_int_eq(r->status, (int64_t)(first_id + i));
	}
}

START_TEST(slots_are_a_power_of_two_that_fits)
{
	ck_assert_uint_eq(shale_ring_slots(4096, 16), 128);	/* 252 fit */
	ck_assert_uint_eq(shale_ring_slots(4096, 112), 32);	/* 36 fit */
	ck_assert_uint_eq(shale_ring_slots(4096, 4032), 1);
	ck_assert_uint_eq(shale_ring_slots(4096, 4033), 0);
	ck_assert_uint_eq(shale_ring_slots(64, 16), 0);
	ck_assert_uint_eq(shale_ring_slots(80, 16), 1);
	ck_assert_uint_eq(shale_ring_slots(4096, 0), 0);
	ck_assert(!shale_ring_front_init(&front, area, 64, 16));
}
END_TEST

START_TEST(round_trip_and_notifications)
{
	setup(0);
	ck_assert_uint_eq(front.nr_slots, 128);
	ck_assert(send_requests(3, 100));		/* the backend asked for index 1 */
	ck_assert(!send_requests(2, 103));		/* it has not asked again */
	ck_assert(answer_requests(5));			/* the frontend asked for index 1 */
	take_responses(5, 100);
	ck_assert_uint_eq(shale_ring_final_check_requests(&back), 0);
	ck_assert(send_requests(1, 105));		/* asked again: notified */
	ck_assert_uint_eq(shale_ring_final_check_requests(&back), 1);
	ck_assert(!answer_requests(1));			/* the frontend has not asked again */
	ck_assert_uint_eq(shale_ring_final_check_responses(&front, NULL), 1);
	take_responses(1, 105);
	ck_assert_uint_eq(shale_ring_final_check_responses(&front, NULL), 0);
	ck_assert(!send_requests(1, 106));		/* the backend did not ask: no notify */
	ck_assert_uint_eq(shale_ring_final_check_requests(&back), 1);	/* but it looks */
	ck_assert(answer_requests(1));			/* asked again: notified */
	take_responses(1, 106);
}
END_TEST

START_TEST(a_full_ring_takes_no_more)
{
	setup(0);
	ck_assert_uint_eq(shale_ring_free_requests(&front), front.nr_slots);
	send_requests(front.nr_slots, 1);
	ck_assert(shale_ring_full(&front));
	ck_assert(answer_requests(front.nr_slots));
	ck_assert(shale_ring_full(&front));		/* until the responses are taken */
	take_responses(front.nr_slots, 1);
	ck_assert_uint_eq(shale_ring_free_requests(&front), front.nr_slots);
}
END_TEST

START_TEST(indices_wrap_past_two_to_the_32)
{
	setup(0xfffffff0u);
	for (uint64_t round = 0; round < 8; round++) {
		send_requests(7, round * 7);
		answer_requests(7);
		take_responses(7, round * 7);
	}
	ck_assert_uint_eq(front.req_prod_pvt, 0xfffffff0u + 56);
	ck_assert_uint_lt(front.req_prod_pvt, 0x100);
	/* Nothing was written past the ring's slots. */
	for (size_t i = 64 + (size_t)front.nr_slots * sizeof(union test_slot); i < AREA; i++)
		ck_assert_uint_eq(area[i], 0xee);
}
END_TEST

START_TEST(a_frontend_claiming_too_much_is_clamped)
{
	struct shale_ring_header *h = (struct shale_ring_header *)area;

	setup(0);
	send_requests(5, 1);
	ck_assert_uint_eq(shale_ring_unconsumed_requests(&back), 5);
	h->req_prod = back.req_cons + 100000;
	ck_assert_uint_eq(shale_ring_unconsumed_requests(&back), back.nr_slots);
	/* With 5 consumed and not answered, only the rest of the ring. */
	back.req_cons += 5;
	ck_assert_uint_eq(shale_ring_unconsumed_requests(&back), back.nr_slots - 5);
	h->req_prod = back.req_cons - 1;	/* behind: as far as possible ahead, still clamped */
	ck_assert_uint_eq(shale_ring_unconsumed_requests(&back), back.nr_slots - 5);
}
END_TEST

START_TEST(a_backend_claiming_too_much_is_clamped_and_reported)
{
	struct shale_ring_header *h = (struct shale_ring_header *)area;
	bool bad = false;

	setup(0);
	send_requests(3, 1);
	h->rsp_prod = front.rsp_cons + 50;
	ck_assert_uint_eq(shale_ring_unconsumed_responses(&front, &bad), 3);
	ck_assert(bad);
	ck_assert_uint_eq(shale_ring_final_check_responses(&front, &bad), 3);
	ck_assert(bad);
	h->rsp_prod = front.rsp_cons + 2;
	ck_assert_uint_eq(shale_ring_unconsumed_responses(&front, &bad), 2);
	ck_assert(!bad);
}
END_TEST

Suite *ring_suite(void)
{
	Suite *s = suite_create("ring");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, slots_are_a_power_of_two_that_fits);
	tcase_add_test(tc, round_trip_and_notifications);
	tcase_add_test(tc, a_full_ring_takes_no_more);
	tcase_add_test(tc, indices_wrap_past_two_to_the_32);
	tcase_add_test(tc, a_frontend_claiming_too_much_is_clamped);
	tcase_add_test(tc, a_backend_claiming_too_much_is_clamped_and_reported);
	suite_add_tcase(s, tc);
	return s;
}
