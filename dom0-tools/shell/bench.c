/* SPDX-License-Identifier: MIT */
/* bench-hypercall: the cost of a null hypercall, in TSC cycles. */
#include <stdint.h>
#include <console.h>
#include <hypercall.h>
#include <string.h>
#include <tsc.h>
#include "builtins.h"
#include "shell.h"

#define BENCH_BATCH		1000UL		/* calls timed together */
#define BENCH_DEFAULT_CALLS	1000000UL
#define BENCH_MAX_CALLS		10000000UL
#define BENCH_MAX_BATCHES	(BENCH_MAX_CALLS / BENCH_BATCH)

/*
 * Cycles per call of each batch, in tenths of a cycle. Static: 40 KiB is
 * too much for the 16 KiB kernel stack.
 */
static uint32_t batch_tenths[BENCH_MAX_BATCHES];

/* Times calls null hypercalls; returns TSC cycles elapsed. */
static uint64_t time_batch(unsigned long calls)
{
	uint64_t start = rdtsc();
	unsigned long i;

	for (i = 0; i < calls; i++)
		HYPERVISOR_version(SHALE_VERSION_version, NULL);
	return rdtsc() - start;
}

/* Shell sort (Ciura's gaps): a few thousand values, no recursion. */
static void sort_u32(uint32_t *v, size_t n)
{
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	size_t g, i, j;

	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t gap = gaps[g];

		for (i = gap; i < n; i++) {
			uint32_t x = v[i];

			for (j = i; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
	}
}

static uint32_t median_u32(uint32_t *v, size_t n)
{
	sort_u32(v, n);
	if (n % 2)
		return v[n / 2];
	return (uint32_t)(((uint64_t)v[n / 2 - 1] + v[n / 2]) / 2);
}

static uint32_t tenths_per_call(uint64_t cycles, unsigned long calls)
{
	uint64_t t = cycles * 10 / calls;

	return t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

static int parse_count(int argc, char **argv, unsigned long *calls)
{
	char *end;

	*calls = BENCH_DEFAULT_CALLS;
	if (argc == 1)
		return 0;
	*calls = strtoul(argv[1], &end, 0);
	if (*end || end == argv[1] || *calls == 0 || *calls > BENCH_MAX_CALLS) {
		printf("bench-hypercall: N must be a number from 1 to %lu\n", BENCH_MAX_CALLS);
		return SHELL_STATUS_SYNTAX;
	}
	return 0;
}

int cmd_bench_hypercall(int argc, char **argv)
{
	unsigned long calls, done = 0;
	uint64_t total = 0;
	size_t nr = 0;
	uint32_t min, median, mean;
	long rc;

	if (argc > 2)
		return shell_usage(shell_find("bench-hypercall"));
	if (parse_count(argc, argv, &calls))
		return SHELL_STATUS_SYNTAX;
	rc = HYPERVISOR_version(SHALE_VERSION_version, NULL);
	if (rc < 0) {
		printf("bench-hypercall: version hypercall failed (error %ld)\n", rc);
		return 1;
	}
	while (done < calls) {
		unsigned long n = calls - done < BENCH_BATCH ? calls - done : BENCH_BATCH;
		uint64_t cycles = time_batch(n);

		batch_tenths[nr++] = tenths_per_call(cycles, n);
		total += cycles;
		done += n;
	}
	median = median_u32(batch_tenths, nr);	/* sorts, so the minimum is first */
	min = batch_tenths[0];
	mean = tenths_per_call(total, calls);
	printf("null hypercall: %lu calls, min %u.%u, median %u.%u, mean %u.%u cycles/call\n",
	       calls, min / 10, min % 10, median / 10, median % 10, mean / 10, mean % 10);
	return 0;
}
