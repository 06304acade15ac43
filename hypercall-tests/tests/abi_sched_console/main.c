/* SPDX-License-Identifier: MIT */
/*
 * abi_sched_console: sched_op yield and block, console_io write sizes.
 *
 * What: yield returns 0 (100 times); block returns 0 (3 times, each with
 * set_timer_op armed 10 ms ahead: block waits for an event, and the
 * timer's expiry wakes a blocked vCPU); block with an upcall already
 * pending (an IPI port sent to while upcalls are masked) returns 0 at
 * once, long before a 2 s back-stop timer; console_io write returns the
 * count for 0, 1 and 300 bytes (more than one of the hypervisor's
 * 256-byte chunks) and for a buffer that crosses a page boundary.
 *
 * Why: sched.h and ABI.md: the calls every guest makes first. The console
 * is the framework's only output; its edge cases must hold before any
 * verdict can be trusted.
 *
 * Broken hypervisor: block never returns (time-out), sleeps through a
 * pending event (returns after the back-stop), yield returns garbage, a
 * chunked write returns the last chunk's size or drops a chunk.
 */
#include <xt.h>

const char test_title[] = "sched_op yield/block return 0; console writes return their count";

static char text[300];

/* Upcalls are masked from boot, so the IPI only sets evtchn_upcall_pending. */
static void block_with_upcall_pending(void)
{
	long port = xt_evtchn_bind_ipi(0);
	uint64_t start;

	if (port < 0) {
		xt_error("bind_ipi gave %ld: cannot make an upcall pending", port);
		return;
	}
	xt_events_clear_all();
	xt_expect_rc(xt_evtchn_send(port), 0, "send on the IPI port");
	xt_expect_eq(xt_upcall_pending(), 1, "evtchn_upcall_pending after the send");
	start = xt_now_ns();
	xt_expect_rc(hc_set_timer_op(start + 2000 * XT_MS), 0, "set_timer_op(now + 2 s)");
	xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_block, NULL), 0, "block with an upcall pending");
	if (xt_now_ns() - start >= 1000 * XT_MS)
		xt_fail("block with an upcall pending slept %lu ms: it must return at once",
			(xt_now_ns() - start) / XT_MS);
	hc_set_timer_op(0);
	xt_evtchn_close(port);
	xt_events_clear_all();
}

void test_main(void)
{
	uint64_t page = xt_pfn_to_va(xt_alloc_pages(2));
	char *cross = (char *)(page + PAGE_SIZE - 5);

	for (int i = 0; i < 100; i++)
		if (!xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_yield, NULL), 0, "yield"))
			break;
	for (int i = 0; i < 3; i++) {
		xt_expect_rc(hc_set_timer_op(xt_now_ns() + 10 * XT_MS), 0, "set_timer_op(now + 10 ms)");
		xt_expect_rc(hc_sched_op(SHALE_SCHEDOP_block, NULL), 0, "block with the timer armed");
	}
	block_with_upcall_pending();

	for (unsigned int i = 0; i < sizeof(text); i++)
		text[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
	text[sizeof(text) - 1] = '\n';
	xt_expect_eq(xt_write(text, 0), 0, "console write of 0 bytes");
	xt_expect_eq(xt_write("\n", 1), 1, "console write of 1 byte");
	xt_expect_eq(xt_write(text, sizeof(text)), sizeof(text), "console write of 300 bytes");
	memcpy(cross, "cross\n", 6);
	xt_expect_eq(xt_write(cross, 6), 6, "console write across a page boundary");
	xt_pass();
}
