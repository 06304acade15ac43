/* SPDX-License-Identifier: MIT */
/* crasher: reads an unmapped address; the guest kernel reports the page fault and crashes. */
#include <console.h>
#include <kernel.h>
#include <stdint.h>

/* Volatile, so the compiler cannot see (and refuse) the bad address. */
static volatile uintptr_t nowhere = 0x10;

int app_main(const struct shale_start_info *si)
{
	const volatile unsigned long *p = (const volatile unsigned long *)nowhere;

	printf("crasher: domain %u reading address %p\n", si->domid, (const void *)p);
	printf("crasher: read %lu: the fault did not happen\n", *p);
	return 1;
}
