/* SPDX-License-Identifier: MIT */
/*
 * flood: prints numbered lines as fast as its console takes them, for
 * ever: the subject of the console's flood test and throughput benchmark.
 */
#include <console.h>
#include <kernel.h>

int app_main(const struct shale_start_info *si)
{
	for (unsigned long n = 1;; n++)
		printf("flood: line %lu: the quick brown fox jumps over the lazy dog\n", n);
}
