/* SPDX-License-Identifier: MIT */
/*
 * badring: corrupts its own console ring (an output producer index far
 * ahead of the consumer) and tells dom0, to show that the backend stops
 * using a broken ring without reading outside it. It then reports on the
 * hypervisor console, which needs no ring, and powers off after a second.
 */
#include <console.h>
#include <events.h>
#include <kernel.h>
#include <mm.h>
#include <public/io/console.h>
#include <sched.h>
#include <string.h>

static void say(const char *s)
{
	console_emergency_write(s, strlen(s));
}

int app_main(const struct shale_start_info *si)
{
	struct shale_cons_ring *ring = mfn_to_virt(si->console_mfn);

	if (!ring) {
		say("badring: no console ring\n");
		return 1;
	}
	__atomic_store_n(&ring->out_prod, ring->out_cons + 100000, __ATOMIC_RELEASE);
	notify_remote_via_evtchn(si->console_evtchn);
	say("badring: output producer index set 100000 ahead\n");
	msleep(1000);
	say("badring: still running\n");
	return 0;
}
