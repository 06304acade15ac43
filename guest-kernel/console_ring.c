/* SPDX-License-Identifier: MIT */
/* The PV console frontend: output into the ring's out[], input from its in[]. */
#include <console.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <mm.h>
#include <printf.h>
#include <public/io/console.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "console_ring.h"

static struct shale_cons_ring *ring;
static evtchn_port_t port;
static bool broken;
/* Our own indices: the page's copies are written, never trusted back. */
static uint32_t out_prod, in_cons;
static struct cons_ring_stats stats;
/* Writers waiting for room and readers waiting for input, woken by dom0's events. */
static DECLARE_WAIT_QUEUE_HEAD(ring_wq);

static void ring_event(evtchn_port_t p, void *data)
{
	wake_up(&ring_wq);
}

bool cons_ring_usable(void)
{
	return ring && !broken;
}

/* Said on the hypervisor console: the ring is what no longer works. */
static void mark_broken(const char *which, uint32_t prod, uint32_t cons, uint32_t size)
{
	char msg[128];
	int n;

	if (broken)
		return;
	broken = true;
	stats.broken = true;
	n = snprintf(msg, sizeof(msg), "console: ring broken (%s prod %u cons %u, size %u): "
		     "using the hypervisor console\n", which, prod, cons, size);
	console_emergency_write(msg, MIN((size_t)n, sizeof(msg) - 1));
	wake_up(&ring_wq);
}

/* Bytes of room in out[] (0 once broken). Called with upcalls masked. */
static uint32_t out_room(void)
{
	uint32_t cons = __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE);

	if (broken)
		return 0;
	if (out_prod - cons > SHALE_CONS_OUT_SIZE) {
		mark_broken("out", out_prod, cons, SHALE_CONS_OUT_SIZE);
		return 0;
	}
	return SHALE_CONS_OUT_SIZE - (out_prod - cons);
}

/* Bytes of input waiting in in[] (0 once broken). */
static uint32_t in_avail(void)
{
	uint32_t prod = __atomic_load_n(&ring->in_prod, __ATOMIC_ACQUIRE);

	if (broken)
		return 0;
	if (prod - in_cons > SHALE_CONS_IN_SIZE) {
		mark_broken("in", prod, in_cons, SHALE_CONS_IN_SIZE);
		return 0;
	}
	return prod - in_cons;
}

/* Copies what fits into out[] and publishes it; upcalls masked so a handler's printk waits. */
static size_t out_put(const char *p, size_t len)
{
	unsigned long flags = local_irq_save();
	size_t n = MIN(len, (size_t)out_room());
	uint32_t at = out_prod % SHALE_CONS_OUT_SIZE;
	size_t first = MIN(n, (size_t)(SHALE_CONS_OUT_SIZE - at));

	memcpy(&ring->out[at], p, first);
	memcpy(&ring->out[0], p + first, n - first);
	out_prod += n;
	/* The bytes before the index that announces them. */
	__atomic_store_n(&ring->out_prod, out_prod, __ATOMIC_RELEASE);
	stats.bytes_out += n;
	local_irq_restore(flags);
	return n;
}

static bool has_room(void)
{
	return out_room() > 0 || broken;
}

/*
 * For code that cannot sleep: waits until cond() holds by polling dom0's
 * port, until deadline_ns (0: none); false when the deadline passed.
 * Upcalls stay masked from clearing the pending bit to the poll, and the
 * bit is cleared before cond() looks: an event dom0 sends after the look
 * ends the poll, one sent before it is seen by the look, and no handler
 * can take it in between. Sleepers are woken after, as the handler would
 * have.
 */
static bool poll_until(bool (*cond)(void), uint64_t deadline_ns)
{
	for (;;) {
		unsigned long flags = local_irq_save();
		bool ok;

		clear_evtchn(port);
		ok = cond();
		if (!ok && (!deadline_ns || monotonic_ns() < deadline_ns))
			HYPERVISOR_sched_poll(&port, 1, deadline_ns);
		local_irq_restore(flags);
		wake_up(&ring_wq);
		if (ok)
			return true;
		if (deadline_ns && monotonic_ns() >= deadline_ns)
			return false;
	}
}

/* Waits for room in out[]; false when a writer that cannot sleep has waited long enough. */
static bool wait_for_room(uint64_t *deadline)
{
	stats.full_waits++;
	if (thread_can_sleep()) {
		wait_event(ring_wq, has_room());
		return true;
	}
	if (!*deadline)
		*deadline = monotonic_ns() + CONS_RING_POLL_NS;
	return poll_until(has_room, *deadline);
}

size_t cons_ring_write(const char *buf, size_t len)
{
	uint64_t deadline = 0;
	size_t done = 0;

	while (done < len && cons_ring_usable()) {
		size_t n = out_put(buf + done, len - done);

		if (n) {
			done += n;
			notify_remote_via_evtchn(port);
		} else if (!wait_for_room(&deadline)) {
			break;
		}
	}
	return done;
}

long cons_ring_read(void *buf, size_t len)
{
	unsigned long flags = local_irq_save();
	size_t n = MIN(len, (size_t)in_avail());
	uint32_t at = in_cons % SHALE_CONS_IN_SIZE;
	size_t first = MIN(n, (size_t)(SHALE_CONS_IN_SIZE - at));

	memcpy(buf, &ring->in[at], first);
	memcpy((char *)buf + first, &ring->in[0], n - first);
	in_cons += n;
	/* Copied before the room is given back. */
	__atomic_store_n(&ring->in_cons, in_cons, __ATOMIC_RELEASE);
	stats.bytes_in += n;
	local_irq_restore(flags);
	if (broken)
		return -SHALE_EIO;
	if (n)
		notify_remote_via_evtchn(port);
	return n;
}

static bool input_or_broken(void)
{
	return in_avail() > 0 || broken;
}

int cons_ring_getc(void)
{
	unsigned char c;

	for (;;) {
		long n = cons_ring_read(&c, 1);

		if (n == 1)
			return c;
		if (n < 0)
			return n;
		if (thread_can_sleep())
			wait_event(ring_wq, input_or_broken());
		else
			poll_until(input_or_broken, 0);
	}
}

static bool drained_or_broken(void)
{
	return broken || out_room() == SHALE_CONS_OUT_SIZE;
}

bool cons_ring_flush(uint64_t timeout_ns)
{
	uint64_t deadline = monotonic_ns() + timeout_ns;

	if (!ring)
		return true;
	return poll_until(drained_or_broken, deadline) && !broken;
}

int cons_ring_connect(void)
{
	uint64_t mfn = start_info->console_mfn;
	struct shale_cons_ring *r;
	int rc;

	if (!mfn)
		return -SHALE_ENODEV;
	r = mfn_to_virt(mfn);
	/* Below first_free_pfn: never handed out by the page allocator. */
	if (!r || virt_to_pfn(r) >= start_info->first_free_pfn) {
		printk("console: ring frame %#llx is not a reserved page of ours\n",
		       (unsigned long long)mfn);
		return -SHALE_EINVAL;
	}
	port = start_info->console_evtchn;
	stats.port = port;
	out_prod = __atomic_load_n(&r->out_prod, __ATOMIC_ACQUIRE);
	in_cons = __atomic_load_n(&r->in_cons, __ATOMIC_ACQUIRE);
	ring = r;
	rc = bind_evtchn(port, ring_event, NULL);
	if (rc) {
		ring = NULL;
		printk("console: cannot bind console port %u (error %d)\n", port, rc);
		return rc;
	}
	return 0;
}

void cons_ring_get_stats(struct cons_ring_stats *st)
{
	*st = stats;
}
