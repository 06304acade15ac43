/* SPDX-License-Identifier: MIT */
/*
 * ptr_core: bad guest pointers to version, console_io and sched_op.
 *
 * What: every pointer argument of these calls gets each address of
 * xt_bad_ptrs (NULL, an unmapped guest page, the hypervisor's direct map,
 * M2P area and image, two non-canonical addresses): -EFAULT each time.
 * Output buffers in a read-only page (our L4), a buffer running off the
 * end of the mapped area and one wrapping around the address space are
 * -EFAULT too.
 *
 * Why: the hypervisor never dereferences a guest pointer directly
 * (DESIGN.md section 4): copy_from/to_guest checks the range and recovers
 * from faults. ABI.md lists these addresses as -EFAULT.
 *
 * Broken hypervisor: reads hypervisor memory out to the console (an
 * information leak), writes into its own memory or into a read-only page
 * table, or takes a fault in ring 0 (panic, status 3).
 */
#include <xt.h>

const char test_title[] = "bad pointers to version, console_io, sched_op give -EFAULT";

static const struct {
	uint64_t nr, cmd, count;	/* count: the pointer is then the third argument */
	const char *what;
} calls[] = {
	{ SHALE_HYPERCALL_version, SHALE_VERSION_extraversion, 0, "version extraversion" },
	{ SHALE_HYPERCALL_version, SHALE_VERSION_get_features, 0, "version get_features" },
	{ SHALE_HYPERCALL_version, SHALE_VERSION_commandline, 0, "version commandline" },
	{ SHALE_HYPERCALL_console_io, SHALE_CONSOLEIO_write, 16, "console_io write" },
	{ SHALE_HYPERCALL_console_io, SHALE_CONSOLEIO_read, 16, "console_io read" },
	{ SHALE_HYPERCALL_sched_op, SHALE_SCHEDOP_shutdown, 0, "sched_op shutdown" },
};

static long call_with(unsigned int i, uint64_t ptr)
{
	if (calls[i].count)
		return hc_raw(calls[i].nr, calls[i].cmd, calls[i].count, ptr, 0, 0, 0);
	return hc_raw(calls[i].nr, calls[i].cmd, ptr, 0, 0, 0, 0);
}

void test_main(void)
{
	uint64_t ro = xt_si->pt_base;			/* mapped read-only */
	uint64_t edge = xt_si->shared_info_va + PAGE_SIZE;	/* first unmapped page */
	char what[160];

	for (unsigned int i = 0; i < ARRAY_SIZE(calls); i++)
		for (unsigned int p = 0; p < xt_nr_bad_ptrs; p++) {
			xt_snprintf(what, sizeof(what), "%s with %s", calls[i].what,
				    xt_bad_ptrs[p].name);
			xt_expect_refused(call_with(i, xt_bad_ptrs[p].addr), -SHALE_EFAULT, what);
		}

	xt_expect_refused(hc_version(SHALE_VERSION_extraversion, (void *)ro), -SHALE_EFAULT,
			  "extraversion into a read-only page");
	xt_expect_refused(hc_version(SHALE_VERSION_get_features, (void *)ro), -SHALE_EFAULT,
			  "get_features into a read-only page");
	xt_expect_refused(hc_version(SHALE_VERSION_commandline, (void *)ro), -SHALE_EFAULT,
			  "commandline into a read-only page");
	xt_expect_refused(hc_console_io(SHALE_CONSOLEIO_read, 16, (void *)ro), -SHALE_EFAULT,
			  "console_io read into a read-only page");
	xt_expect_refused(hc_version(SHALE_VERSION_extraversion, (void *)(edge - 8)),
			  -SHALE_EFAULT, "extraversion into 8 mapped + 8 unmapped bytes");
	xt_expect_refused(hc_console_io(SHALE_CONSOLEIO_write, 16, (void *)(edge - 8)),
			  -SHALE_EFAULT, "console_io write of 8 mapped + 8 unmapped bytes");
	xt_expect_refused(hc_console_io(SHALE_CONSOLEIO_write, 32, (void *)~0xfULL),
			  -SHALE_EFAULT, "console_io write of a range wrapping past 2^64");
	xt_pass();
}
