/* SPDX-License-Identifier: MIT */
/*
 * storebad: misuses its store ring on purpose, to show that dom0's store
 * drops (or bounds) a broken peer and keeps serving everyone else. The
 * command line picks the misdeed:
 *
 *   index     request producer index set 100000 ahead of the consumer
 *   oversize  a header announcing a 5000-byte payload (the limit is 4096)
 *   garbage   a READ with no NUL, an unknown type, then a valid READ
 *   deaf      many requests, replies never read (the ring fills up)
 *
 * It talks to the ring directly, not through xenbus (which would refuse to
 * send such things), reports on the hypervisor console and powers off
 * after a few seconds.
 */
#include <barrier.h>
#include <console.h>
#include <events.h>
#include <kernel.h>
#include <mm.h>
#include <printf.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <public/io/xs_wire.h>

static struct shale_xs_ring *ring;

static void say(const char *fmt, ...) __printf(1, 2);

static void say(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_emergency_write(line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* Puts bytes on the request ring if they fit; returns how many did. */
static size_t put(const void *buf, size_t len)
{
	uint32_t prod = ring->req_prod;
	uint32_t space = SHALE_XS_RING_SIZE - (prod - READ_ONCE(ring->req_cons));
	size_t n = len < space ? len : space;

	for (size_t i = 0; i < n; i++)
		ring->req[SHALE_XS_RING_IDX(prod + i)] = ((const char *)buf)[i];
	wmb();
	ring->req_prod = prod + n;
	notify_remote_via_evtchn(start_info->store_evtchn);
	return n;
}

static void send_msg(uint32_t type, uint32_t req_id, const void *payload, uint32_t len,
		     uint32_t claimed_len)
{
	struct shale_xs_msg_header h = { .type = type, .req_id = req_id, .len = claimed_len };

	put(&h, sizeof(h));
	put(payload, len);
}

/* Waits up to ms for a reply header and prints its type and payload. */
static void show_reply(const char *what, uint32_t ms)
{
	uint64_t deadline = monotonic_ns() + MILLISECS(ms);
	struct shale_xs_msg_header h;
	char body[64];

	while (ring->rsp_prod - ring->rsp_cons < sizeof(h) && monotonic_ns() < deadline)
		msleep(10);
	if (ring->rsp_prod - ring->rsp_cons < sizeof(h)) {
		say("storebad: %s: no reply\n", what);
		return;
	}
	rmb();
	for (size_t i = 0; i < sizeof(h); i++)
		((char *)&h)[i] = ring->rsp[SHALE_XS_RING_IDX(ring->rsp_cons + i)];
	memset(body, 0, sizeof(body));
	for (size_t i = 0; i < h.len && i < sizeof(body) - 1; i++)
		body[i] = ring->rsp[SHALE_XS_RING_IDX(ring->rsp_cons + sizeof(h) + i)];
	mb();
	ring->rsp_cons += sizeof(h) + h.len;
	notify_remote_via_evtchn(start_info->store_evtchn);
	say("storebad: %s: reply type %u \"%s\"\n", what, h.type, body);
}

static void misbehave(void)
{
	static const char no_nul[] = "data/x";

	if (cmdline_has("index")) {
		ring->req_prod = ring->req_cons + 100000;
		notify_remote_via_evtchn(start_info->store_evtchn);
		say("storebad: request index set 100000 ahead\n");
	} else if (cmdline_has("oversize")) {
		send_msg(SHALE_XS_READ, 1, "x", 1, 5000);
		say("storebad: sent a header claiming 5000 bytes\n");
	} else if (cmdline_has("garbage")) {
		send_msg(SHALE_XS_READ, 1, no_nul, sizeof(no_nul) - 1, sizeof(no_nul) - 1);
		show_reply("read without NUL", 2000);
		send_msg(99, 2, "", 0, 0);
		show_reply("unknown type 99", 2000);
		send_msg(SHALE_XS_READ, 3, "domid", 6, 6);
		show_reply("valid read", 2000);
	} else if (cmdline_has("deaf")) {
		unsigned int sent = 0;

		for (int round = 0; round < 200; round++) {
			struct shale_xs_msg_header h = { .type = SHALE_XS_READ, .len = 6 };

			h.req_id = round;
			if (put(&h, sizeof(h)) != sizeof(h))
				break;
			put("domid", 6);
			sent++;
			msleep(5);
		}
		say("storebad: sent %u requests, read no reply\n", sent);
	}
}

int app_main(const struct shale_start_info *si)
{
	ring = mfn_to_virt(si->store_mfn);
	if (!ring) {
		say("storebad: no store ring\n");
		return 1;
	}
	misbehave();
	msleep(2000);
	say("storebad: still running\n");
	return 0;
}
