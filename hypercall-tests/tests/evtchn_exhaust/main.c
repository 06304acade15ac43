/* SPDX-License-Identifier: MIT */
/*
 * evtchn_exhaust: running out of ports, and coming back.
 *
 * What: alloc_unbound(SELF, SELF) until it fails gives exactly 4095
 * distinct ports (1 to 4095: port 0 is never allocated), then -ENOSPC;
 * bind_ipi, bind_virq and bind_interdomain are -ENOSPC too. Closing one
 * port lets exactly one allocation succeed, with that port. Closing all
 * of them leaves the hypervisor answering and ports allocatable again.
 *
 * Why: event_channel.h: -ENOSPC when no port is free; the port tables
 * grow 256 ports at a time, so the edges of the last table and of the
 * bitmaps are reached here.
 *
 * Broken hypervisor: a 4096th port (past the bitmaps), port 0 handed out,
 * a port given twice, a table allocation failing as something other than
 * -ENOSPC, or a panic when the last table fills.
 */
#include <xt.h>

const char test_title[] = "evtchn: 4095 ports, then -ENOSPC; close all and recover";

static uint8_t used[SHALE_NR_EVENT_CHANNELS];

void test_main(void)
{
	unsigned int n = 0;
	long port, last = 0;

	for (;;) {
		port = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF);
		if (port < 0)
			break;
		if (port == 0 || port >= SHALE_NR_EVENT_CHANNELS || used[port]) {
			xt_fail("alloc_unbound %u gave port %ld: out of range or given twice", n, port);
			return;
		}
		used[port] = 1;
		last = port;
		n++;
	}
	xt_expect_refused(port, -SHALE_ENOSPC, "alloc_unbound with every port in use");
	xt_expect_eq(n, SHALE_NR_EVENT_CHANNELS - 1, "ports allocated");
	xt_expect_refused(xt_evtchn_bind_ipi(0), -SHALE_ENOSPC, "bind_ipi with every port in use");
	xt_expect_refused(xt_evtchn_bind_virq(SHALE_VIRQ_TIMER, 0), -SHALE_ENOSPC,
			  "bind_virq with every port in use");
	xt_expect_refused(xt_evtchn_bind_interdomain(SHALE_DOMID_SELF, last), -SHALE_ENOSPC,
			  "bind_interdomain with every port in use");

	xt_expect_rc(xt_evtchn_close(last), 0, "close one port");
	xt_expect_eq(xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF), last,
		     "alloc_unbound after closing one: that port");
	xt_expect_refused(xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF),
			  -SHALE_ENOSPC, "alloc_unbound once more");

	for (unsigned int p = 1; p < SHALE_NR_EVENT_CHANNELS; p++)
		if (used[p] && !xt_expect_rc(xt_evtchn_close(p), 0, "close every port"))
			break;
	xt_hypervisor_alive();
	port = xt_evtchn_bind_ipi(0);
	xt_expect_eq(port > 0, 1, "bind_ipi after closing every port");
	xt_expect_rc(xt_evtchn_send(port), 0, "send on it");
	xt_expect_eq(xt_evtchn_pending(port), 1, "it is pending");
	xt_events_clear_all();
	xt_pass();
}
