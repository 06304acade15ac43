/* SPDX-License-Identifier: MIT */
/*
 * abi_unknown_subops: sub-operations and values the ABI does not define.
 *
 * What: unknown cmd values of version, console_io, sched_op (0-4 exist:
 * yield, block, shutdown, poll, remote_shutdown), event_channel_op (the
 * gaps 2 and 8 and the first past the list, 10) and memory_op give
 * -ENOSYS (values unknown whether the hypervisor reads 32 or 64 bits of
 * the register), with a NULL argument; console_io write with count
 * above SHALE_CONSOLEIO_MAX gives -EINVAL; shutdown with an unknown reason
 * gives -EINVAL and does not stop the domain.
 *
 * Why: STYLE.md and ABI.md promise -ENOSYS for unknown sub-ops and a
 * precise errno for bad values; guests probe features this way.
 *
 * Broken hypervisor: a switch without a default returns 0 or garbage; an
 * unchecked shutdown reason stops the machine (no RESULT line).
 */
#include <xt.h>

const char test_title[] = "unknown sub-ops give -ENOSYS, bad values -EINVAL";

static const struct {
	uint64_t nr, a1, a2, a3;
	long expect;
	const char *what;
} cases[] = {
	{ SHALE_HYPERCALL_version, 2, 0, 0, -SHALE_ENOSYS, "version cmd 2" },
	{ SHALE_HYPERCALL_version, 0xffffffff, 0, 0, -SHALE_ENOSYS, "version cmd 0xffffffff" },
	{ SHALE_HYPERCALL_console_io, 2, 0, 0, -SHALE_ENOSYS, "console_io cmd 2" },
	{ SHALE_HYPERCALL_console_io, 0x80000000, 0, 0, -SHALE_ENOSYS,
	  "console_io cmd 0x80000000" },
	{ SHALE_HYPERCALL_sched_op, 5, 0, 0, -SHALE_ENOSYS, "sched_op cmd 5" },
	{ SHALE_HYPERCALL_sched_op, 6, 0, 0, -SHALE_ENOSYS, "sched_op cmd 6" },
	{ SHALE_HYPERCALL_sched_op, 0x80000000, 0, 0, -SHALE_ENOSYS, "sched_op cmd 0x80000000" },
	{ SHALE_HYPERCALL_sched_op, 0xffffffff, 0, 0, -SHALE_ENOSYS, "sched_op cmd 0xffffffff" },
	{ SHALE_HYPERCALL_event_channel_op, 2, 0, 0, -SHALE_ENOSYS, "event_channel_op cmd 2" },
	{ SHALE_HYPERCALL_event_channel_op, 8, 0, 0, -SHALE_ENOSYS, "event_channel_op cmd 8" },
	{ SHALE_HYPERCALL_event_channel_op, 10, 0, 0, -SHALE_ENOSYS, "event_channel_op cmd 10" },
	{ SHALE_HYPERCALL_event_channel_op, 0xffffffff, 0, 0, -SHALE_ENOSYS,
	  "event_channel_op cmd 0xffffffff" },
	{ SHALE_HYPERCALL_memory_op, 2, 0, 0, -SHALE_ENOSYS, "memory_op cmd 2" },
	{ SHALE_HYPERCALL_memory_op, 13, 0, 0, -SHALE_ENOSYS, "memory_op cmd 13" },
	{ SHALE_HYPERCALL_memory_op, 0xffffffff, 0, 0, -SHALE_ENOSYS,
	  "memory_op cmd 0xffffffff" },
};

void test_main(void)
{
	static const char text[] = "x";
	struct shale_sched_shutdown bad_reason[] = { { 5 }, { 0xffffffff } };
	long rc;

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		rc = hc_raw(cases[i].nr, cases[i].a1, cases[i].a2, cases[i].a3, 0, 0, 0);
		xt_expect_refused(rc, cases[i].expect, cases[i].what);
	}

	rc = hc_console_io(SHALE_CONSOLEIO_write, SHALE_CONSOLEIO_MAX + 1, text);
	xt_expect_refused(rc, -SHALE_EINVAL, "console_io write of SHALE_CONSOLEIO_MAX + 1 bytes");
	rc = hc_console_io(SHALE_CONSOLEIO_write, ~0UL, text);
	xt_expect_refused(rc, -SHALE_EINVAL, "console_io write of 2^64 - 1 bytes");

	for (unsigned int i = 0; i < ARRAY_SIZE(bad_reason); i++) {
		rc = hc_sched_op(SHALE_SCHEDOP_shutdown, &bad_reason[i]);
		xt_expect_refused(rc, -SHALE_EINVAL, "shutdown with an unknown reason");
	}
	xt_pass();
}
