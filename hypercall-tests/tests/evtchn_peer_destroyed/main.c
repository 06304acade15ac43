/* SPDX-License-Identifier: MIT */
/*
 * evtchn_peer_destroyed: dom0's end of a channel when the peer is destroyed.
 *
 * What: this kernel runs twice. dom0 binds VIRQ_DOM_EXC and offers a port
 * P to d1 ("peer"); d1 binds it (status of P: interdomain with d1 and
 * d1's port), prints its RESULT, sends on its end and blocks for good.
 * When P turns pending, dom0 destroys d1. Then P is unbound with remote
 * SHALE_DOMID_INVALID and pending, VIRQ_DOM_EXC is pending, d1 is gone
 * (getdomaininfo -ESRCH), free_pages grew by at least d1's pages, a send
 * on P is -EINVAL, and dom0 keeps working (P closes, the hypervisor
 * answers).
 *
 * Why: event_channel.h close and domctl.h destroydomain, docs/SCHEDULER.md:
 * "When a domain is destroyed its peers' ports become unbound to
 * SHALE_DOMID_INVALID (nobody can bind there, even if the id is reused)
 * and dom0 gets VIRQ_DOM_EXC." A backend learns that its frontend died
 * from exactly this.
 *
 * Broken hypervisor: P still "interdomain" with a freed domain (a send
 * writes into freed memory), unbound to the old id (the next domain with
 * that id could bind it), no event, or a leak of d1's frames.
 */
#include <xt.h>

const char test_title[] = "evtchn: destroying a peer unbinds dom0's port, signals it";

static void domu(void)
{
	long port = xt_connect_to(0, 30000 * XT_MS);

	if (xt_expect_eq(port > 0, 1, "binding the port dom0 offers"))
		xt_pass();
	xt_report();
	if (port > 0)
		xt_evtchn_send(port);
	for (;;) {
		xt_events_clear_all();
		hc_sched_op(SHALE_SCHEDOP_block, NULL);
	}
}

/* Waits up to 30 s for P to be connected and then pending. */
static bool wait_for_peer(long p, shale_domid_t d)
{
	uint64_t deadline = xt_now_ns() + 30000 * XT_MS;
	struct shale_evtchn_status st;

	while (!xt_evtchn_pending(p) && xt_now_ns() < deadline)
		xt_sleep_ns(10 * XT_MS);
	if (!xt_expect_eq(xt_evtchn_pending(p), 1, "P pending: d1 bound it and sent") ||
	    !xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, p, &st), 0, "status of P"))
		return false;
	xt_expect_eq(st.status, SHALE_EVTCHNSTAT_interdomain, "P is interdomain");
	xt_expect_eq(st.u.interdomain.dom, d, "P's peer is d1");
	return true;
}

void test_main(void)
{
	struct shale_domctl_physinfo before, after;
	struct shale_domctl_getdomaininfo info;
	struct shale_evtchn_status st;
	struct shale_domctl op = { 0 };
	long exc, d, p;

	if (!xt_is_dom0())
		domu();
	exc = xt_evtchn_bind_virq(SHALE_VIRQ_DOM_EXC, 0);
	d = xt_find_domain("peer");
	p = d > 0 ? xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, d) : 0;
	if (exc <= 0 || d <= 0 || p <= 0) {
		xt_error("setup: bind_virq(DOM_EXC) %ld, domain \"peer\" %ld, offer %ld", exc, d, p);
		return;
	}
	if (!wait_for_peer(p, d) || !xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo") ||
	    !xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	xt_events_clear_all();
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain of d1");

	if (xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, p, &st), 0, "status of P after")) {
		xt_expect_eq(st.status, SHALE_EVTCHNSTAT_unbound, "P is unbound");
		xt_expect_eq(st.u.unbound.dom, SHALE_DOMID_INVALID, "P is offered to DOMID_INVALID");
	}
	xt_expect_eq(xt_evtchn_pending(p), 1, "P pending after the destroy");
	xt_expect_eq(xt_evtchn_pending(exc), 1, "VIRQ_DOM_EXC pending after the destroy");
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_getdomaininfo, d), -SHALE_ESRCH,
			  "getdomaininfo of d1");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages >= before.free_pages + info.tot_pages, 1,
		     "free_pages grew by at least d1's pages");
	xt_expect_refused(xt_evtchn_send(p), -SHALE_EINVAL, "send on P, now unbound");
	xt_expect_rc(xt_evtchn_close(p), 0, "close P");
	xt_events_clear_all();
	xt_pass();
}
