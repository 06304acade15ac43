/* SPDX-License-Identifier: MIT */
/*
 * hello: the smallest useful domU. Greets, says who and how big it is,
 * then powers off (or reboots, with "reboot" on its command line).
 */
#include <console.h>
#include <kernel.h>

int app_main(const struct shale_start_info *si)
{
	printf("hello: Hello from a Shale guest!\n");
	printf("hello: domain id %u\n", si->domid);
	printf("hello: memory %llu MiB\n", (unsigned long long)si->nr_pages >> 8);
	if (cmdline_has("reboot")) {
		printf("hello: rebooting\n");
		guest_reboot();
	}
	printf("hello: powering off\n");
	return 0;
}
