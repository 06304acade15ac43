/* SPDX-License-Identifier: MIT */
/*
 * evtchn_bad_ports: every bad port value, for every op that takes one.
 *
 * What: send, close and unmask of port 0 (never allocated), 4096
 * (SHALE_NR_EVENT_CHANNELS), 4097, 0x10000, 0x80000000, 0xffffffff, a
 * free port (bound, then closed) and a port never allocated (3000, in a
 * range no port of ours reached) give -EINVAL; status of the out-of-range
 * ones gives -EINVAL, and of the free and never-allocated ones -EINVAL or
 * "closed" (event_channel.h names SHALE_EVTCHNSTAT_closed "free", so both
 * readings are allowed). A second close of one port is -EINVAL, and a send
 * on a port closed a moment ago too. Each op with each bad argument
 * pointer gives -EFAULT. The hypervisor answers after every refusal.
 *
 * Why: event_channel.h: "Every port value, 0 to 0xffffffff, is checked."
 * A port indexes bitmaps and tables allocated on demand.
 *
 * Broken hypervisor: an unchecked port reads or writes past a bitmap
 * (panic or corruption of another domain's bits), a free slot treated as
 * bound, or a NULL bucket dereferenced.
 */
#include <xt.h>

const char test_title[] = "evtchn: bad and free ports give -EINVAL; bad pointers -EFAULT";

static const unsigned int cmds[] = {
	SHALE_EVTCHNOP_send, SHALE_EVTCHNOP_close, SHALE_EVTCHNOP_unmask, SHALE_EVTCHNOP_status,
};
static const char *const cmd_names[] = { "send", "close", "unmask", "status" };
static const unsigned int all_cmds[] = {
	SHALE_EVTCHNOP_bind_interdomain, SHALE_EVTCHNOP_bind_virq, SHALE_EVTCHNOP_close,
	SHALE_EVTCHNOP_send, SHALE_EVTCHNOP_status, SHALE_EVTCHNOP_alloc_unbound,
	SHALE_EVTCHNOP_bind_ipi, SHALE_EVTCHNOP_unmask,
};

static void try_port(uint32_t port, bool in_range, const char *what)
{
	struct shale_evtchn_status st;
	char w[96];
	long rc;

	for (unsigned int c = 0; c < ARRAY_SIZE(cmds); c++) {
		xt_snprintf(w, sizeof(w), "%s of %s (0x%x)", cmd_names[c], what, port);
		if (cmds[c] == SHALE_EVTCHNOP_status) {
			rc = xt_evtchn_status(SHALE_DOMID_SELF, port, &st);
			if (in_range && rc == 0) {
				xt_expect_eq(st.status, SHALE_EVTCHNSTAT_closed, w);
				continue;
			}
		} else {
			struct shale_evtchn_port_arg a = { .port = port };

			rc = hc_event_channel_op(cmds[c], &a);
		}
		xt_expect_refused(rc, -SHALE_EINVAL, w);
	}
}

void test_main(void)
{
	static const struct {
		uint32_t port;
		const char *what;
	} out_of_range[] = {
		{ 0, "port 0" }, { 4096, "port 4096" }, { 4097, "port 4097" },
		{ 0x10000, "port 0x10000" }, { 0x80000000, "port 0x80000000" },
		{ 0xffffffff, "port 0xffffffff" },
	};
	long p = xt_evtchn_bind_ipi(0);
	char w[96];

	if (!xt_expect_eq(p > 0 && p < 3000, 1, "bind_ipi"))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(out_of_range); i++)
		try_port(out_of_range[i].port, false, out_of_range[i].what);
	try_port(3000, true, "a port never allocated");

	xt_expect_rc(xt_evtchn_close(p), 0, "close of a bound port");
	xt_expect_refused(xt_evtchn_close(p), -SHALE_EINVAL, "second close of the port");
	xt_expect_refused(xt_evtchn_send(p), -SHALE_EINVAL, "send on the port just closed");
	try_port(p, true, "a free port");

	for (unsigned int c = 0; c < ARRAY_SIZE(all_cmds); c++)
		for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++) {
			xt_snprintf(w, sizeof(w), "event_channel_op %u, arg %s", all_cmds[c],
				    xt_bad_ptrs[i].name);
			xt_expect_refused(hc_event_channel_op(all_cmds[c], (void *)xt_bad_ptrs[i].addr),
					  -SHALE_EFAULT, w);
		}
	xt_pass();
}
