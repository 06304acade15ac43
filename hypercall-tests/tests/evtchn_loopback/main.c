/* SPDX-License-Identifier: MIT */
/*
 * evtchn_loopback: an interdomain channel from a domain to itself.
 *
 * What: after 64 IPI ports (so the channel lives in bitmap word 1, not
 * word 0), alloc_unbound(SELF, SELF) gives A, status unbound offered to
 * our id; bind_interdomain(SELF, A) gives B, which starts pending, and
 * both ends read interdomain, each naming the other. With upcalls masked (as from boot)
 * and every bit cleared, send(B) sets exactly A's pending bit, the
 * selector bit of word 1 and evtchn_upcall_pending; send(A) then sets B's.
 * Closing A makes B unbound, offered to us, and pending; send on B and on
 * the closed A is then -EINVAL; binding B again connects a new port.
 *
 * Why: event_channel.h: the loopback is the smallest interdomain channel
 * and exercises every field of the 2-level delivery without a peer
 * domain; split drivers rely on the close semantics to notice a peer
 * going away.
 *
 * Broken hypervisor: the pending bit lands on the sender's port, the
 * selector bit of the wrong word (port / 64), no upcall flag, a closed
 * peer left "interdomain" (sends into a freed port) or not signalled.
 */
#include <xt.h>

const char test_title[] = "evtchn loopback: send sets pending, selector, upcall; close unbinds";

static void expect_delivered(long port, long other, const char *what)
{
	char w[96];

	xt_snprintf(w, sizeof(w), "%s: pending bit of port %ld", what, port);
	xt_expect_eq(xt_evtchn_pending(port), 1, w);
	xt_snprintf(w, sizeof(w), "%s: pending bit of port %ld (the sender)", what, other);
	xt_expect_eq(xt_evtchn_pending(other), 0, w);
	xt_snprintf(w, sizeof(w), "%s: selector word 1", what);
	xt_expect_eq(xt_shared_info->vcpu_info[0].evtchn_pending_sel, 1ULL << 1, w);
	xt_snprintf(w, sizeof(w), "%s: evtchn_upcall_pending", what);
	xt_expect_eq(xt_upcall_pending(), 1, w);
}

static void expect_status(long port, uint32_t state, long remote_port, const char *what)
{
	struct shale_evtchn_status st;

	if (!xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, port, &st), 0, what))
		return;
	xt_expect_eq(st.status, state, what);
	if (state == SHALE_EVTCHNSTAT_unbound) {
		xt_expect_eq(st.u.unbound.dom, xt_si->domid, what);
	} else {
		xt_expect_eq(st.u.interdomain.dom, xt_si->domid, what);
		xt_expect_eq(st.u.interdomain.port, remote_port, what);
	}
}

void test_main(void)
{
	long a, b, c;

	for (int i = 0; i < 64; i++)
		if (!xt_expect_eq(xt_evtchn_bind_ipi(0) > 0, 1, "bind_ipi filler"))
			return;
	a = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF);
	if (!xt_expect_eq(a >= 64 && a < 128, 1, "alloc_unbound(SELF, SELF) in word 1"))
		return;
	expect_status(a, SHALE_EVTCHNSTAT_unbound, 0, "status of A: unbound to us");
	b = xt_evtchn_bind_interdomain(SHALE_DOMID_SELF, a);
	if (!xt_expect_eq(b >= 64 && b < 128 && b != a, 1, "bind_interdomain(SELF, A) in word 1"))
		return;
	expect_status(a, SHALE_EVTCHNSTAT_interdomain, b, "status of A: connected to B");
	expect_status(b, SHALE_EVTCHNSTAT_interdomain, a, "status of B: connected to A");
	xt_expect_eq(xt_evtchn_pending(b), 1, "B starts pending");

	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_send(b), 0, "send on B");
	expect_delivered(a, b, "send on B");
	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_send(a), 0, "send on A");
	expect_delivered(b, a, "send on A");

	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_close(a), 0, "close A");
	expect_status(b, SHALE_EVTCHNSTAT_unbound, 0, "status of B after close of A");
	xt_expect_eq(xt_evtchn_pending(b), 1, "B pending after its peer closed");
	xt_expect_refused(xt_evtchn_send(b), -SHALE_EINVAL, "send on B, now unbound");
	xt_expect_refused(xt_evtchn_send(a), -SHALE_EINVAL, "send on the closed A");

	c = xt_evtchn_bind_interdomain(SHALE_DOMID_SELF, b);
	if (xt_expect_eq(c > 0, 1, "bind_interdomain(SELF, B) again")) {
		expect_status(b, SHALE_EVTCHNSTAT_interdomain, c, "status of B: connected to C");
		xt_events_clear_all();
		xt_expect_rc(xt_evtchn_send(c), 0, "send on C");
		xt_expect_eq(xt_evtchn_pending(b), 1, "B pending after send on C");
		xt_expect_rc(xt_evtchn_close(c), 0, "close C");
	}
	xt_expect_rc(xt_evtchn_close(b), 0, "close B");
	xt_events_clear_all();
	xt_pass();
}
