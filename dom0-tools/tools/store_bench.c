/* SPDX-License-Identifier: MIT */
/*
 * bench-store [N]: store operations per second inside dom0, through the
 * client library on an in-process connection (what `shl` and the
 * toolstack use): N writes, N reads, N/10 listings of 64 children and
 * N/10 two-write transactions, each timed as a whole.
 */
#include <errno.h>
#include <malloc.h>
#include <printf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "shell/builtins.h"
#include "store/service.h"
#include "xs.h"

#define BENCH_KEYS	64

static void report(const char *what, unsigned long n, uint64_t ns)
{
	unsigned long ms = ns / 1000000, rate = ns ? (unsigned long)(n * 1000000000ULL / ns) : 0;

	printf("BENCH store: %s: %lu ops in %lu ms: %lu ops/s\n", what, n, ms, rate);
}

static bool bench_writes(struct xs_handle *h, unsigned long n)
{
	char path[32];

	for (unsigned long i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/bench/k%02lu", i % BENCH_KEYS);
		if (!xs_write(h, XBT_NULL, path, "value-of-sixteen", 16))
			return false;
	}
	return true;
}

static bool bench_reads(struct xs_handle *h, unsigned long n)
{
	char path[32];

	for (unsigned long i = 0; i < n; i++) {
		void *v;

		snprintf(path, sizeof(path), "/bench/k%02lu", i % BENCH_KEYS);
		v = xs_read(h, XBT_NULL, path, NULL);
		if (!v)
			return false;
		free(v);
	}
	return true;
}

static bool bench_listings(struct xs_handle *h, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		unsigned int num;
		char **names = xs_directory(h, XBT_NULL, "/bench", &num);

		if (!names || num != BENCH_KEYS)
			return false;
		free(names);
	}
	return true;
}

static bool bench_transactions(struct xs_handle *h, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		xs_transaction_t t = xs_transaction_start(h);

		if (t == XBT_NULL || !xs_write(h, t, "/bench/t/a", "1", 1) ||
		    !xs_write(h, t, "/bench/t/b", "2", 1) || !xs_transaction_end(h, t, false))
			return false;
	}
	return true;
}

struct bench_step {
	const char *what;
	bool (*fn)(struct xs_handle *h, unsigned long n);
	unsigned int divisor;
};

int cmd_bench_store(int argc, char **argv)
{
	static const struct bench_step steps[] = {
		{ "write", bench_writes, 1 },
		{ "read", bench_reads, 1 },
		{ "directory of 64", bench_listings, 10 },
		{ "transaction of 2 writes", bench_transactions, 10 },
	};
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 5000;
	struct xs_handle *h;
	int rc = 0;

	if (argc > 2 || n < 10 || n > 1000000) {
		printf("usage: bench-store [N] (10 to 1000000, default 5000)\n");
		return 2;
	}
	h = store_service_open();
	if (!h) {
		printf("bench-store: the store is not running\n");
		return 1;
	}
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]) && !rc; i++) {
		unsigned long count = n / steps[i].divisor;
		uint64_t start = monotonic_ns();

		if (!steps[i].fn(h, count)) {
			printf("bench-store: %s failed: error %d\n", steps[i].what, errno);
			rc = 1;
			break;
		}
		report(steps[i].what, count, monotonic_ns() - start);
	}
	xs_rm(h, XBT_NULL, "/bench");
	xs_close(h);
	return rc;
}
