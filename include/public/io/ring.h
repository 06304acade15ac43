/* SPDX-License-Identifier: MIT */
/*
 * Shared request/response rings of fixed-size slots: the transport of
 * split drivers whose messages have a fixed size (block, net). The byte
 * rings of the console and the store have their own headers.
 *
 * One shared area (usually one granted page) holds a 64-byte header and
 * then a power-of-two number of slots. Each slot carries either a request
 * or a response: the protocol defines a union of its request and response
 * structures, and that union's size is the slot size.
 *
 *   frontend  produces requests  (req_prod), consumes responses (rsp_cons)
 *   backend   consumes requests  (req_cons), produces responses (rsp_prod)
 *
 * A response goes into the slot of a request already consumed, so the
 * ring never holds more than nr_slots requests and responses together.
 * Indices run freely (they are never reduced modulo anything); index i is
 * slot i & (nr_slots - 1). Each side keeps its own indices privately
 * (struct shale_ring_front / shale_ring_back) and publishes its producer
 * index in the header; the page's copies of the other side's indices are
 * read, never trusted: the functions below clamp what the other side
 * claims, so a hostile peer can make a side see less work, never make it
 * read or write outside the ring.
 *
 * Barriers, spelled out:
 *   - a producer fills slots, then publishes the index with a release
 *     store (the slots are visible before the index that covers them);
 *   - a consumer reads the producer index with an acquire load, then
 *     reads the slots it covers (never a slot before its index);
 *   - the notification decision reads the peer's event index after a full
 *     fence, and a side that goes to sleep writes its event index, fences
 *     and looks once more, so an event is never lost between "nothing to
 *     do" and "wake me".
 *
 * Notifications are suppressed while the peer is busy: a side asks to be
 * notified by setting its event index (req_event for the backend,
 * rsp_event for the frontend) to the first index it has not seen; a
 * producer that publishes indices old+1..new notifies only if that event
 * index lies in the range. Both start at 1.
 *
 * A driver typically:
 *   frontend: shale_ring_front_init(); per request, take the slot at
 *     req_prod_pvt and advance it; shale_ring_push_requests() and notify if
 *     it says so; on an event, consume shale_ring_unconsumed_responses()
 *     slots from rsp_cons, then shale_ring_final_check_responses() before
 *     sleeping.
 *   backend: shale_ring_back_init(); on an event, consume
 *     shale_ring_unconsumed_requests() slots from req_cons, answer each at
 *     rsp_prod_pvt, shale_ring_push_responses() and notify if it says so,
 *     then shale_ring_final_check_requests() before sleeping.
 *
 * Needs GCC or Clang (__atomic builtins). Indices are uint32_t, so
 * comparisons are done on differences, which stay right across wrap-around.
 */
#ifndef SHALE_PUBLIC_IO_RING_H
#define SHALE_PUBLIC_IO_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The start of the shared area. */
struct shale_ring_header {
	uint32_t req_prod;	/* written by the frontend */
	uint32_t req_event;	/* written by the backend: notify me when req_prod reaches it */
	uint32_t rsp_prod;	/* written by the backend */
	uint32_t rsp_event;	/* written by the frontend */
	uint8_t pad[48];	/* reserved, zero; slots start 64 bytes in */
};

_Static_assert(sizeof(struct shale_ring_header) == 64, "ring header size");

/* The frontend's private view. */
struct shale_ring_front {
	struct shale_ring_header *hdr;
	unsigned char *slots;
	uint32_t slot_size, nr_slots;
	uint32_t req_prod_pvt;	/* next request slot to fill; published by push */
	uint32_t rsp_cons;	/* next response to consume */
};

/* The backend's private view. */
struct shale_ring_back {
	struct shale_ring_header *hdr;
	unsigned char *slots;
	uint32_t slot_size, nr_slots;
	uint32_t rsp_prod_pvt;	/* next response slot to fill; published by push */
	uint32_t req_cons;	/* next request to consume */
};

static inline uint32_t shale_ring_load(const uint32_t *index)
{
	return __atomic_load_n(index, __ATOMIC_ACQUIRE);
}

static inline void shale_ring_publish(uint32_t *index, uint32_t value)
{
	__atomic_store_n(index, value, __ATOMIC_RELEASE);
}

static inline void shale_ring_full_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* How many slots of slot_size bytes fit after the header in bytes: a power of two, or 0. */
static inline uint32_t shale_ring_slots(size_t bytes, size_t slot_size)
{
	size_t fit, n = 1;

	if (!slot_size || bytes < sizeof(struct shale_ring_header) + slot_size)
		return 0;
	fit = (bytes - sizeof(struct shale_ring_header)) / slot_size;
	while (n * 2 <= fit && n * 2 <= (1u << 31))
		n *= 2;
	return (uint32_t)n;
}

/* Run once by whoever sets the area up (the frontend), before it is shared. */
static inline void shale_ring_init_shared(void *area)
{
	struct shale_ring_header *h = (struct shale_ring_header *)area;
	unsigned char *p = (unsigned char *)area;

	for (size_t i = 0; i < sizeof(*h); i++)
		p[i] = 0;
	h->req_event = 1;
	h->rsp_event = 1;
}

/* Sets up f on an area of bytes bytes; false if not even one slot fits. */
static inline bool shale_ring_front_init(struct shale_ring_front *f, void *area, size_t bytes,
					 size_t slot_size)
{
	f->hdr = (struct shale_ring_header *)area;
	f->slots = (unsigned char *)area + sizeof(struct shale_ring_header);
	f->slot_size = (uint32_t)slot_size;
	f->nr_slots = shale_ring_slots(bytes, slot_size);
	f->req_prod_pvt = shale_ring_load(&f->hdr->req_prod);
	f->rsp_cons = f->req_prod_pvt;
	return f->nr_slots != 0;
}

/*
 * Sets up b on an area a frontend initialised. Starts where the frontend
 * is; a request already waiting is seen by the first unconsumed check.
 */
static inline bool shale_ring_back_init(struct shale_ring_back *b, void *area, size_t bytes,
					size_t slot_size)
{
	b->hdr = (struct shale_ring_header *)area;
	b->slots = (unsigned char *)area + sizeof(struct shale_ring_header);
	b->slot_size = (uint32_t)slot_size;
	b->nr_slots = shale_ring_slots(bytes, slot_size);
	b->rsp_prod_pvt = shale_ring_load(&b->hdr->rsp_prod);
	b->req_cons = b->rsp_prod_pvt;
	return b->nr_slots != 0;
}

/* The slot of index i (any index: it is reduced here). */
static inline void *shale_ring_front_slot(const struct shale_ring_front *f, uint32_t i)
{
	return f->slots + (size_t)(i & (f->nr_slots - 1)) * f->slot_size;
}

static inline void *shale_ring_back_slot(const struct shale_ring_back *b, uint32_t i)
{
	return b->slots + (size_t)(i & (b->nr_slots - 1)) * b->slot_size;
}

/* Request slots the frontend may fill now: those not holding an unanswered request. */
static inline uint32_t shale_ring_free_requests(const struct shale_ring_front *f)
{
	return f->nr_slots - (f->req_prod_pvt - f->rsp_cons);
}

static inline bool shale_ring_full(const struct shale_ring_front *f)
{
	return shale_ring_free_requests(f) == 0;
}

/* True when a producer that moved from old to now must notify a peer waiting at event. */
static inline bool shale_ring_must_notify(uint32_t old, uint32_t now, uint32_t event)
{
	return (uint32_t)(now - event) < (uint32_t)(now - old);
}

/* Publishes the requests filled so far; true when the backend must be notified. */
static inline bool shale_ring_push_requests(struct shale_ring_front *f)
{
	uint32_t old = f->hdr->req_prod, now = f->req_prod_pvt;

	shale_ring_publish(&f->hdr->req_prod, now);
	shale_ring_full_fence();
	return shale_ring_must_notify(old, now, shale_ring_load(&f->hdr->req_event));
}

/* Publishes the responses written so far; true when the frontend must be notified. */
static inline bool shale_ring_push_responses(struct shale_ring_back *b)
{
	uint32_t old = b->hdr->rsp_prod, now = b->rsp_prod_pvt;

	shale_ring_publish(&b->hdr->rsp_prod, now);
	shale_ring_full_fence();
	return shale_ring_must_notify(old, now, shale_ring_load(&b->hdr->rsp_event));
}

/*
 * Requests the backend may consume now. The frontend's index is read once
 * and clamped: never more than fit beside the responses not yet published
 * (a frontend claiming more cannot make the backend overwrite slots).
 */
static inline uint32_t shale_ring_unconsumed_requests(const struct shale_ring_back *b)
{
	uint32_t claimed = shale_ring_load(&b->hdr->req_prod) - b->req_cons;
	uint32_t room = b->nr_slots - (b->req_cons - b->rsp_prod_pvt);

	return claimed < room ? claimed : room;
}

/*
 * Responses the frontend may consume now. The backend's index is read
 * once and clamped to the requests outstanding; *bad (if not NULL) is set
 * when the backend claimed more, a broken or hostile backend.
 */
static inline uint32_t shale_ring_unconsumed_responses(const struct shale_ring_front *f, bool *bad)
{
	uint32_t claimed = shale_ring_load(&f->hdr->rsp_prod) - f->rsp_cons;
	uint32_t outstanding = f->req_prod_pvt - f->rsp_cons;

	if (bad)
		*bad = claimed > outstanding;
	return claimed < outstanding ? claimed : outstanding;
}

/*
 * Before the backend sleeps: 0 means it may, the frontend will notify at
 * the next request; otherwise that many requests arrived meanwhile.
 */
static inline uint32_t shale_ring_final_check_requests(struct shale_ring_back *b)
{
	uint32_t n = shale_ring_unconsumed_requests(b);

	if (n)
		return n;
	shale_ring_publish(&b->hdr->req_event, b->req_cons + 1);
	shale_ring_full_fence();
	return shale_ring_unconsumed_requests(b);
}

/* Before the frontend sleeps, the same for responses. */
static inline uint32_t shale_ring_final_check_responses(struct shale_ring_front *f, bool *bad)
{
	uint32_t n = shale_ring_unconsumed_responses(f, bad);

	if (n || (bad && *bad))
		return n;
	shale_ring_publish(&f->hdr->rsp_event, f->rsp_cons + 1);
	shale_ring_full_fence();
	return shale_ring_unconsumed_responses(f, bad);
}

#endif /* SHALE_PUBLIC_IO_RING_H */
