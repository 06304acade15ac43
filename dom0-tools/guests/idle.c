/* SPDX-License-Identifier: MIT */
/*
 * idle: a domU that does nothing, for density and scaling benchmarks. It
 * sleeps in long blocks, so it costs no CPU; with "quiet" on its command
 * line it prints nothing at all.
 */
#include <console.h>
#include <kernel.h>
#include <sched.h>

int app_main(const struct shale_start_info *si)
{
	if (!cmdline_has("quiet"))
		printf("idle: domain %u sleeping\n", si->domid);
	for (;;)
		msleep(1000000);
	return 0;
}
