/* SPDX-License-Identifier: MIT */
/*
 * evtchn_bad_bind: alloc_unbound, bind_interdomain and bind_ipi refusals.
 *
 * What: alloc_unbound offered to, or (as dom0) allocated in, a domain id
 * that names no domain (1234, 0x7fef, SHALE_DOMID_INVALID) is -ESRCH, as
 * is bind_interdomain to one. bind_interdomain is -EINVAL for a port
 * offered to another domain (one we created), a port already connected,
 * a free port, our own virq and IPI ports, ports 0, 4096 and 0xffffffff,
 * and pad != 0. bind_ipi on vCPU 1 or 0xffffffff is -EINVAL. Each refusal
 * leaves the ports involved as they were (status unchanged) and the
 * hypervisor answering.
 *
 * Why: event_channel.h: a port offered to domain X may be bound by X
 * only; binding a connected port would steal the channel from its peer.
 *
 * Broken hypervisor: binds a port meant for another domain (a domain
 * snoops on dom0's channel to a driver domain), rewires a connected
 * channel, or dereferences a domain that does not exist.
 */
#include <xt.h>

const char test_title[] = "evtchn: binds to bad domains and ports are refused";

static void expect_status(long port, uint32_t state, const char *what)
{
	struct shale_evtchn_status st;

	if (xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, port, &st), 0, what))
		xt_expect_eq(st.status, state, what);
}

static void bind_refused(uint32_t remote_port, long expect, const char *what)
{
	xt_expect_refused(xt_evtchn_bind_interdomain(SHALE_DOMID_SELF, remote_port), expect, what);
}

void test_main(void)
{
	static const shale_domid_t no_domain[] = { 1234, 0x7fef, SHALE_DOMID_INVALID };
	struct shale_evtchn_bind_interdomain b;
	long d = xt_create_domain("xt-bad-bind"), other, a, conn, virq, ipi, f;
	struct shale_domctl op = { 0 };
	char w[80];

	for (unsigned int i = 0; i < ARRAY_SIZE(no_domain); i++) {
		xt_snprintf(w, sizeof(w), "alloc_unbound offered to domain 0x%x", no_domain[i]);
		xt_expect_refused(xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, no_domain[i]),
				  -SHALE_ESRCH, w);
		xt_snprintf(w, sizeof(w), "alloc_unbound in domain 0x%x", no_domain[i]);
		xt_expect_refused(xt_evtchn_alloc_unbound(no_domain[i], SHALE_DOMID_SELF),
				  -SHALE_ESRCH, w);
		xt_snprintf(w, sizeof(w), "bind_interdomain to domain 0x%x", no_domain[i]);
		xt_expect_refused(xt_evtchn_bind_interdomain(no_domain[i], 1), -SHALE_ESRCH, w);
	}
	if (d < 0) {
		xt_error("createdomain gave %ld", d);
		return;
	}
	other = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, d);
	a = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF);
	conn = xt_evtchn_bind_interdomain(SHALE_DOMID_SELF, a);
	virq = xt_evtchn_bind_virq(SHALE_VIRQ_TIMER, 0);
	ipi = xt_evtchn_bind_ipi(0);
	f = xt_evtchn_bind_ipi(0);
	if (!xt_expect_eq(other > 0 && a > 0 && conn > 0 && virq > 0 && ipi > 0 && f > 0, 1,
			  "setting up ports") ||
	    !xt_expect_rc(xt_evtchn_close(f), 0, "close of a port to make it free"))
		return;

	bind_refused(other, -SHALE_EINVAL, "bind to a port offered to another domain");
	expect_status(other, SHALE_EVTCHNSTAT_unbound, "that port after the refusal");
	bind_refused(a, -SHALE_EINVAL, "bind to a port already connected");
	bind_refused(conn, -SHALE_EINVAL, "bind to the other end of that channel");
	expect_status(a, SHALE_EVTCHNSTAT_interdomain, "the connected port after the refusal");
	bind_refused(f, -SHALE_EINVAL, "bind to a free port");
	bind_refused(virq, -SHALE_EINVAL, "bind to our virq port");
	bind_refused(ipi, -SHALE_EINVAL, "bind to our IPI port");
	bind_refused(0, -SHALE_EINVAL, "bind to port 0");
	bind_refused(4096, -SHALE_EINVAL, "bind to port 4096");
	bind_refused(0xffffffff, -SHALE_EINVAL, "bind to port 0xffffffff");

	other = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, SHALE_DOMID_SELF);
	b = (struct shale_evtchn_bind_interdomain){ .remote_dom = SHALE_DOMID_SELF, .pad = 1,
						    .remote_port = (uint32_t)other };
	xt_expect_refused(hc_event_channel_op(SHALE_EVTCHNOP_bind_interdomain, &b), -SHALE_EINVAL,
			  "bind_interdomain with pad = 1");
	expect_status(other, SHALE_EVTCHNSTAT_unbound, "the port after the pad refusal");

	xt_expect_refused(xt_evtchn_bind_ipi(1), -SHALE_EINVAL, "bind_ipi on vCPU 1");
	xt_expect_refused(xt_evtchn_bind_ipi(0xffffffff), -SHALE_EINVAL, "bind_ipi on vCPU -1");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	xt_events_clear_all();
	xt_pass();
}
