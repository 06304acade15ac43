/* SPDX-License-Identifier: MIT */
/*
 * hello: the smallest useful domU. Greets, says who and how big it is,
 * then powers off (or reboots, with "reboot" on its command line).
 */
#include <console.h>
#include <kernel.h>
#include <time.h>

int app_main(const struct shale_start_info *si)
{
	uint64_t first_line_ns = monotonic_ns();

	printf("hello: Hello from a Shale guest!\n");
	/* "timing": when the kernel started and this line was written (benchmarks). */
	if (cmdline_has("timing"))
		printf("hello: timing: entry %llu ns, first line %llu ns\n",
		       (unsigned long long)kernel_entry_ns, (unsigned long long)first_line_ns);
	printf("hello: domain id %u\n", si->domid);
	printf("hello: memory %llu MiB\n", (unsigned long long)si->nr_pages >> 8);
	if (cmdline_has("reboot")) {
		printf("hello: rebooting\n");
		guest_reboot();
	}
	printf("hello: powering off\n");
	return 0;
}
