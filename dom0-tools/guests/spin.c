/* SPDX-License-Identifier: MIT */
/*
 * spin: a domU that never stops computing, for scheduler benchmarks (caps
 * and weights). Quiet: it prints one line and then only burns CPU.
 */
#include <console.h>
#include <kernel.h>

int app_main(const struct shale_start_info *si)
{
	volatile uint64_t n = 0;

	printf("spin: domain %u spinning\n", si->domid);
	for (;;)
		n++;
	return 0;
}
