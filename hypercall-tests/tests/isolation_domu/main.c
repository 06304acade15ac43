/* SPDX-License-Identifier: MIT */
/*
 * isolation_domu: an unprivileged domain reaches nothing of dom0's.
 *
 * What: this kernel runs twice. As d1 ("unpriv", 16 MiB, not privileged
 * per start_info), once it has bound the port dom0 offers it (dom0 is
 * then watching, with VIRQ_DOM_EXC bound): every domctl cmd (and an unknown one) is -EPERM, as are
 * sched_op remote_shutdown of dom0 and of itself, bind_virq of the global
 * CONSOLE and DOM_EXC, alloc_unbound and status in dom0's table,
 * mmu_update and mmuext_op with foreign_dom 0, memory_op for domid 0,
 * console_io read and version commandline; its own per-vCPU virq and a port offered to dom0 are
 * allowed. It prints its RESULT, then executes ud2 with no #UD handler.
 * As dom0: it finds d1 by name, waits for it to stop, and checks it was
 * crashed (shutdown reason crash), VIRQ_DOM_EXC fired, dom0 still works,
 * and destroying d1 returns at least its pages to the free pool.
 *
 * Why: DESIGN.md sections 5 and 10: privilege checks, and "a refused
 * request never takes the hypervisor or another domain down"; a domU's
 * crash must stop that domain only.
 *
 * Broken hypervisor: a privileged call that works from d1 (it could
 * create, destroy or map anything), the wrong errno, or d1's crash
 * taking dom0 or the machine down (no dom0 RESULT, QEMU status 5).
 */
#include <xt.h>

const char test_title[] = "isolation: a domU is refused dom0's calls; its crash spares dom0";

static void refuse(long rc, const char *what)
{
	xt_expect_refused(rc, -SHALE_EPERM, what);
}

static void domctls(void)
{
	static const uint32_t cmds[] = { 1, 2, 3, 4, 5, 11, 12, 16, 17, 20, 21, 22, 99 };
	struct shale_domctl op = { 0 };
	char w[48];

	for (unsigned int i = 0; i < ARRAY_SIZE(cmds); i++) {
		xt_snprintf(w, sizeof(w), "domctl cmd %u on dom0", cmds[i]);
		refuse(xt_domctl(&op, cmds[i], 0), w);
		xt_snprintf(w, sizeof(w), "domctl cmd %u on itself", cmds[i]);
		refuse(xt_domctl(&op, cmds[i], xt_si->domid), w);
	}
}

static void domu(void)
{
	struct shale_sched_remote_shutdown rs = { .domid = 0, .reason = SHALE_SHUTDOWN_poweroff };
	struct shale_mmu_update u = { .ptr = xt_scratch_l1e(0) | SHALE_MMU_NORMAL_PT_UPDATE };
	struct shale_mmuext_op flush = { .cmd = SHALE_MMUEXT_TLB_FLUSH_LOCAL };
	struct shale_memory_reservation r = { .extent_start = (uint64_t)&u, .nr_extents = 1 };
	struct shale_evtchn_status st;
	struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];
	static struct shale_version_commandline cmdline;
	shale_domid_t dom0 = 0;
	char buf[16];

	xt_expect_eq(xt_si->flags & SHALE_SIF_PRIVILEGED, 0, "start_info: not privileged");
	/* dom0 offers the port once it is ready to watch us. */
	xt_expect_eq(xt_connect_to(0, 30000 * XT_MS) > 0, 1, "binding the port dom0 offers");
	domctls();
	refuse(hc_sched_op(SHALE_SCHEDOP_remote_shutdown, &rs), "remote_shutdown of dom0");
	rs.domid = xt_si->domid;
	refuse(hc_sched_op(SHALE_SCHEDOP_remote_shutdown, &rs), "remote_shutdown of itself");
	refuse(xt_evtchn_bind_virq(SHALE_VIRQ_CONSOLE, 0), "bind_virq(CONSOLE)");
	refuse(xt_evtchn_bind_virq(SHALE_VIRQ_DOM_EXC, 0), "bind_virq(DOM_EXC)");
	refuse(xt_evtchn_alloc_unbound(0, SHALE_DOMID_SELF), "alloc_unbound in dom0");
	refuse(xt_evtchn_alloc_unbound(0, 0), "alloc_unbound in dom0 for dom0");
	refuse(xt_evtchn_status(0, 1, &st), "status of dom0's port 1");
	refuse(hc_mmu_update(&u, 1, NULL, 0), "mmu_update with foreign_dom 0");
	refuse(hc_mmuext_op(&flush, 1, NULL, 0), "mmuext_op with foreign_dom 0");
	r.domid = 0;
	refuse(hc_memory_op(SHALE_MEMOP_increase_reservation, &r), "increase_reservation for dom0");
	refuse(hc_memory_op(SHALE_MEMOP_decrease_reservation, &r), "decrease_reservation for dom0");
	refuse(hc_memory_op(SHALE_MEMOP_current_reservation, &dom0), "current_reservation of dom0");
	refuse(hc_memory_op(SHALE_MEMOP_maximum_reservation, &dom0), "maximum_reservation of dom0");
	refuse(hc_console_io(SHALE_CONSOLEIO_read, sizeof(buf), buf), "console_io read");
	refuse(hc_version(SHALE_VERSION_commandline, &cmdline), "version commandline");
	xt_expect_eq(xt_evtchn_bind_virq(SHALE_VIRQ_TIMER, 0) > 0, 1, "bind_virq(TIMER) of its own");
	xt_expect_eq(xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, 0) > 0, 1,
		     "alloc_unbound of its own, offered to dom0");
	xt_pass();
	xt_report();
	xt_build_trap_table(table, X86_UD, -1);
	hc_set_trap_table(table);
	xt_printf("executing ud2 with no #UD handler: this domain must be crashed\n");
	asm volatile("ud2");
	xt_fail("ud2 without a handler returned to the domU");
	xt_finish();
}

void test_main(void)
{
	struct shale_domctl_getdomaininfo info;
	struct shale_domctl_physinfo before, after;
	struct shale_domctl op = { 0 };
	struct shale_evtchn_status st;
	long exc, d, offer;

	if (!xt_is_dom0())
		domu();
	exc = xt_evtchn_bind_virq(SHALE_VIRQ_DOM_EXC, 0);
	d = xt_find_domain("unpriv");
	offer = d > 0 ? xt_evtchn_alloc_unbound(SHALE_DOMID_SELF, d) : 0;
	if (d <= 0 || exc <= 0 || offer <= 0) {
		xt_error("setup: domain \"unpriv\" %ld, bind_virq(DOM_EXC) %ld, offer %ld", d, exc,
			 offer);
		return;
	}
	if (!xt_expect_rc(xt_wait_domain(d, SHALE_DOMINF_shutdown, 30000 * XT_MS, &info), 0,
			  "waiting for d1 to stop"))
		return;
	xt_expect_eq(info.shutdown_reason, SHALE_SHUTDOWN_crash, "d1's shutdown reason: crash");
	xt_expect_eq(info.flags & SHALE_DOMINF_privileged, 0, "d1 is not privileged");
	xt_expect_eq(xt_evtchn_pending(exc), 1, "VIRQ_DOM_EXC after d1's crash");
	if (xt_expect_rc(xt_evtchn_status(SHALE_DOMID_SELF, offer, &st), 0, "status of the offer"))
		xt_expect_eq(st.status, SHALE_EVTCHNSTAT_interdomain, "d1 bound the offered port");
	xt_hypervisor_alive();
	xt_expect_rc(xt_physinfo(&before), 0, "physinfo");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain of d1");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages >= before.free_pages + info.tot_pages, 1,
		     "free_pages grew by at least d1's pages");
	xt_pass();
}
