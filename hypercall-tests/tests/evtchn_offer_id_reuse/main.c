/* SPDX-License-Identifier: MIT */
/*
 * evtchn_offer_id_reuse: a port offered to a domain that is destroyed is
 * not inherited by the next domain given the same id.
 *
 * What: dom0 creates domain D, offers it an unbound port, destroys D and
 * creates a new domain with the same id. The port must no longer be
 * offered to that id (status: unbound to SHALE_DOMID_INVALID), so the
 * newcomer could not bind it.
 *
 * Why: domain ids are reused; an offer is meant for the domain that
 * existed when it was made, not for whoever gets its number next.
 *
 * Broken hypervisor: the port stays offered to D's id and an unrelated
 * domain created later can connect to dom0's channel.
 */
#include <xt.h>

const char test_title[] = "a port offered to a destroyed domain is not offered to its successor";

void test_main(void)
{
	struct shale_domctl op;
	struct shale_evtchn_status st;
	long d, again, port;

	d = xt_create_domain("offer-target");
	if (d < 0) {
		xt_error("createdomain: %ld", d);
		return;
	}
	port = xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, (shale_domid_t)d);
	if (port < 0) {
		xt_error("alloc_unbound for d%ld: %ld", d, port);
		return;
	}
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, (shale_domid_t)d), 0, "destroy");
	memset(&op, 0, sizeof(op));

	memcpy(op.u.createdomain.name, "successor", 10);
	op.u.createdomain.max_vcpus = 1;
	again = xt_domctl(&op, SHALE_DOMCTL_createdomain, (shale_domid_t)d);
	if (!xt_expect_rc(again, 0, "createdomain with the freed id"))
		return;
	xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, (uint32_t)port, &st), 0, "status");
	xt_expect_eq(st.status, SHALE_EVTCHNSTAT_unbound, "the port is still allocated, unbound");
	xt_expect_eq(st.u.unbound.dom, SHALE_DOMID_INVALID, "offered to nobody, not the new d");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, (shale_domid_t)d), 0,
		     "destroy the successor");
	xt_expect_rc(xt_evtchn_close((uint32_t)port), 0, "close");
	if (xt_hypervisor_alive())
		xt_pass();
}
