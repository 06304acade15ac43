/* SPDX-License-Identifier: MIT */
/*
 * evtchn_status: status describes every kind of port, ours and others'.
 *
 * What: status of an unbound port (u.unbound.dom = the domain offered
 * to), both ends of a loopback channel (interdomain: peer dom and port),
 * a virq port (u.virq), an IPI port (vcpu 0), and of a free port in an
 * allocated range (closed, or -EINVAL: the ABI allows both). As dom0:
 * alloc_unbound with dom = a domain we created puts the port in that
 * domain, and status(dom = it) describes it (unbound, offered to us);
 * status for a domain that does not exist is -ESRCH; pad != 0 is -EINVAL.
 * A send on the IPI port sets its pending bit.
 *
 * Why: event_channel.h status and alloc_unbound; toolstacks and debug
 * tools read channel state through status, and the privileged dom !=
 * SELF form is how a toolstack sets up a new domain's channels.
 *
 * Broken hypervisor: stale union contents, the caller's table read for
 * another domain, or a missing -ESRCH (NULL domain dereferenced).
 */
#include <xt.h>

const char test_title[] = "evtchn status: unbound, interdomain, virq, ipi, another domain's";

static void check(shale_domid_t dom, long port, uint32_t state, uint32_t a, uint32_t b,
		  const char *what)
{
	struct shale_evtchn_status st;

	if (!xt_expect_rc(xt_evtchn_status(dom, port, &st), 0, what))
		return;
	xt_expect_eq(st.status, state, what);
	xt_expect_eq(st.vcpu, 0, what);
	if (state == SHALE_EVTCHNSTAT_unbound)
		xt_expect_eq(st.u.unbound.dom, a, what);
	if (state == SHALE_EVTCHNSTAT_interdomain) {
		xt_expect_eq(st.u.interdomain.dom, a, what);
		xt_expect_eq(st.u.interdomain.port, b, what);
	}
	if (state == SHALE_EVTCHNSTAT_virq)
		xt_expect_eq(st.u.virq, a, what);
}

static void other_domain(void)
{
	long d = xt_create_domain("xt-status"), p;
	struct shale_domctl op = { 0 };

	if (d < 0) {
		xt_error("createdomain gave %ld", d);
		return;
	}
	p = xt_evtchn_alloc_unbound(d, xt_si->domid);
	if (xt_expect_eq(p > 0, 1, "alloc_unbound(dom = new domain, remote = us)"))
		check(d, p, SHALE_EVTCHNSTAT_unbound, xt_si->domid, 0,
		      "status of the new domain's port");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
}

void test_main(void)
{
	struct shale_evtchn_status st = { .dom = SHALE_DOMID_SELF, .pad = 1 };
	shale_domid_t me = xt_si->domid;
	long a = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF);
	long b = xt_evtchn_bind_interdomain(SHALE_DOMID_SELF, a);
	long v = xt_evtchn_bind_virq(SHALE_VIRQ_DEBUG, 0), i = xt_evtchn_bind_ipi(0);
	long u = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF), f;
	long rc;

	if (!xt_expect_eq(a > 0 && b > 0 && v > 0 && i > 0 && u > 0, 1, "five ports bound"))
		return;
	check(SHALE_DOMID_SELF, u, SHALE_EVTCHNSTAT_unbound, me, 0, "status of an unbound port");
	check(SHALE_DOMID_SELF, a, SHALE_EVTCHNSTAT_interdomain, me, b, "status of end A");
	check(me, b, SHALE_EVTCHNSTAT_interdomain, me, a, "status of end B, dom = our id");
	check(SHALE_DOMID_SELF, v, SHALE_EVTCHNSTAT_virq, SHALE_VIRQ_DEBUG, 0, "status of a virq");
	check(SHALE_DOMID_SELF, i, SHALE_EVTCHNSTAT_ipi, 0, 0, "status of an IPI port");
	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_send(i), 0, "send on the IPI port");
	xt_expect_eq(xt_evtchn_pending(i), 1, "IPI port pending after send");

	f = xt_evtchn_bind_ipi(0);
	xt_evtchn_close(f);
	rc = xt_evtchn_status(SHALE_DOMID_SELF, f, &st);
	if (rc == 0)
		xt_expect_eq(st.status, SHALE_EVTCHNSTAT_closed, "status of a free port");
	else
		xt_expect_refused(rc, -SHALE_EINVAL, "status of a free port");

	st = (struct shale_evtchn_status){ .dom = SHALE_DOMID_SELF, .pad = 1, .port = (uint32_t)u };
	xt_expect_refused(hc_event_channel_op(SHALE_EVTCHNOP_status, &st), -SHALE_EINVAL,
			  "status with pad = 1");
	xt_expect_refused(xt_evtchn_status(1234, 1, &st), -SHALE_ESRCH, "status of domain 1234");
	xt_expect_refused(xt_evtchn_status(SHALE_DOMID_INVALID, 1, &st), -SHALE_ESRCH,
			  "status of SHALE_DOMID_INVALID");
	other_domain();
	xt_events_clear_all();
	xt_pass();
}
