/* SPDX-License-Identifier: MIT */
/*
 * evtchn_mask: a masked port collects the event; unmask delivers it.
 *
 * What: an IPI port P with its evtchn_mask bit set by the guest: send sets
 * P's pending bit only (selector and evtchn_upcall_pending stay 0), twice
 * over; unmask(P) clears the mask bit and, P being pending, sets the
 * selector bit and evtchn_upcall_pending. Unmasking a port that is not
 * pending sets neither. With the mask clear, send sets all three. A second
 * port Q masked beside P is not disturbed by P's unmask.
 *
 * Why: event_channel.h: "A masked port stays pending; unmasking it with
 * SHALE_EVTCHNOP_unmask delivers it then." Guests mask ports in their
 * handlers and depend on nothing being lost or raised early.
 *
 * Broken hypervisor: a masked port raises the upcall anyway (an interrupt
 * storm in a guest that masked to get quiet), the event is lost (pending
 * bit not set, or unmask not delivering), or unmask clears other bits.
 */
#include <xt.h>

const char test_title[] = "evtchn mask: masked ports set only pending; unmask delivers";

static void expect_bits(long port, int pending, int sel, int upcall, const char *what)
{
	char w[96];

	xt_snprintf(w, sizeof(w), "%s: pending bit", what);
	xt_expect_eq(xt_evtchn_pending(port), pending, w);
	xt_snprintf(w, sizeof(w), "%s: selector bit", what);
	xt_expect_eq(xt_evtchn_sel(port), sel, w);
	xt_snprintf(w, sizeof(w), "%s: evtchn_upcall_pending", what);
	xt_expect_eq(xt_upcall_pending(), upcall, w);
}

void test_main(void)
{
	long p = xt_evtchn_bind_ipi(0), q = xt_evtchn_bind_ipi(0);

	if (!xt_expect_eq(p > 0 && q > 0, 1, "bind_ipi of P and Q"))
		return;
	xt_events_clear_all();
	xt_evtchn_set_mask(p, true);
	xt_evtchn_set_mask(q, true);
	xt_expect_rc(xt_evtchn_send(p), 0, "send on masked P");
	expect_bits(p, 1, 0, 0, "masked P after send");
	xt_expect_rc(xt_evtchn_send(p), 0, "second send on masked P");
	expect_bits(p, 1, 0, 0, "masked P after a second send");

	xt_expect_rc(xt_evtchn_unmask(p), 0, "unmask P");
	xt_expect_eq(xt_evtchn_masked(p), 0, "P's mask bit after unmask");
	xt_expect_eq(xt_evtchn_masked(q), 1, "Q's mask bit after unmask of P");
	expect_bits(p, 1, 1, 1, "P after unmask");
	xt_expect_eq(xt_evtchn_pending(q), 0, "Q's pending bit after unmask of P");

	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_unmask(q), 0, "unmask Q, not pending");
	expect_bits(q, 0, 0, 0, "Q unmasked while not pending");

	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_send(p), 0, "send on unmasked P");
	expect_bits(p, 1, 1, 1, "unmasked P after send");

	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_close(p), 0, "close P");
	xt_expect_rc(xt_evtchn_close(q), 0, "close Q");
	xt_pass();
}
