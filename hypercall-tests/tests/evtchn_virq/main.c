/* SPDX-License-Identifier: MIT */
/*
 * evtchn_virq: bind_virq for every virq; doubles, bad virqs and vCPUs.
 *
 * What: as dom0, each of VIRQ_TIMER, DEBUG, CONSOLE and DOM_EXC binds on
 * vCPU 0 to a distinct port whose status is virq with that number and
 * vCPU 0 (the two global ones are allowed for the privileged domain);
 * binding any of them again is -EEXIST. Virq 4 (SHALE_NR_VIRQS), 64 and
 * 0xffffffff are -EINVAL, as are vCPU 1, 31 and 0xffffffff. send on a virq
 * port is -EINVAL. After close, the virq binds again. After each refusal
 * the hypervisor must still answer.
 *
 * Why: event_channel.h bind_virq; a virq bound twice would have two
 * ports competing for one source, and a guest-chosen virq or vCPU number
 * indexes per-vCPU tables inside the hypervisor.
 *
 * Broken hypervisor: a second port for the same virq (-EEXIST missing),
 * an unchecked index (out-of-bounds write: panic or silent corruption),
 * dom0 refused the global virqs it needs, or a send that fakes a virq.
 */
#include <xt.h>

const char test_title[] = "evtchn bind_virq: every virq once, -EEXIST, -EINVAL";

static long bind(uint32_t virq, uint32_t vcpu)
{
	return xt_evtchn_bind_virq(virq, vcpu);
}

static const struct {
	uint32_t virq, vcpu;
	const char *what;
} bad[] = {
	{ SHALE_NR_VIRQS, 0, "virq SHALE_NR_VIRQS" },
	{ 64, 0, "virq 64" },
	{ 0xffffffff, 0, "virq 0xffffffff" },
	{ SHALE_VIRQ_TIMER, 1, "TIMER on vCPU 1" },
	{ SHALE_VIRQ_TIMER, SHALE_MAX_VCPUS - 1, "TIMER on vCPU 31" },
	{ SHALE_VIRQ_DEBUG, 0xffffffff, "DEBUG on vCPU 0xffffffff" },
	{ SHALE_VIRQ_DOM_EXC, 1, "DOM_EXC on vCPU 1" },
};

void test_main(void)
{
	long port[SHALE_NR_VIRQS];
	struct shale_evtchn_status st;
	char w[80];

	for (uint32_t v = 0; v < SHALE_NR_VIRQS; v++) {
		xt_snprintf(w, sizeof(w), "bind_virq(%u, vCPU 0)", v);
		port[v] = bind(v, 0);
		if (!xt_expect_eq(port[v] > 0, 1, w))
			return;
		for (uint32_t u = 0; u < v; u++)
			xt_expect_eq(port[v] != port[u], 1, "virq ports are distinct");
		xt_snprintf(w, sizeof(w), "status of the port of virq %u", v);
		if (xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, port[v], &st), 0, w)) {
			xt_expect_eq(st.status, SHALE_EVTCHNSTAT_virq, w);
			xt_expect_eq(st.u.virq, v, w);
			xt_expect_eq(st.vcpu, 0, w);
		}
	}
	for (uint32_t v = 0; v < SHALE_NR_VIRQS; v++) {
		xt_snprintf(w, sizeof(w), "bind_virq(%u) a second time", v);
		xt_expect_refused(bind(v, 0), -SHALE_EEXIST, w);
		xt_snprintf(w, sizeof(w), "send on the port of virq %u", v);
		xt_expect_refused(xt_evtchn_send(port[v]), -SHALE_EINVAL, w);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		xt_expect_refused(bind(bad[i].virq, bad[i].vcpu), -SHALE_EINVAL, bad[i].what);

	for (uint32_t v = 0; v < SHALE_NR_VIRQS; v++) {
		xt_expect_rc(xt_evtchn_close(port[v]), 0, "close a virq port");
		xt_snprintf(w, sizeof(w), "bind_virq(%u) after close", v);
		port[v] = bind(v, 0);
		xt_expect_eq(port[v] > 0, 1, w);
		xt_expect_rc(xt_evtchn_close(port[v]), 0, "close it again");
	}
	xt_pass();
}
