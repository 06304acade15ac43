/* SPDX-License-Identifier: MIT */
/*
 * xs-client-bench [-n COUNT] [-r RUNS] [--socket PATH]: operations per
 * second of a running host daemon, measured through the client library
 * over its Unix socket (the socket is $XENSTORED_PATH unless --socket is
 * given), one call in flight at a time as every libxenstore user works.
 * Each line is one operation kind: the median, min and max rate over RUNS
 * runs of COUNT calls. Works under /bench-client, removed at the end.
 *
 * Where xs-bench (xenstore/host/) measures the daemon with hand-built
 * messages, this adds the library's own cost and the calls xs-bench does
 * not make: listings, transactions and watch events.
 */
#include "xs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_ROOT "/bench-client"
#define BENCH_KEYS 100	/* children of BENCH_ROOT/keys: the listing's size */
#define MAX_RUNS 101

struct bench_op {
	const char *name;
	bool (*run)(struct xs_handle *h, unsigned long i);
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void key_path(char *buf, size_t len, unsigned long i)
{
	snprintf(buf, len, BENCH_ROOT "/keys/k%lu", i % BENCH_KEYS);
}

static bool op_write(struct xs_handle *h, unsigned long i)
{
	char path[64];

	key_path(path, sizeof(path), i);
	return xs_write(h, XBT_NULL, path, "value", 5);
}

static bool op_read(struct xs_handle *h, unsigned long i)
{
	char path[64];
	char *v;

	key_path(path, sizeof(path), i);
	v = xs_read(h, XBT_NULL, path, NULL);
	free(v);
	return v != NULL;
}

static bool op_directory(struct xs_handle *h, unsigned long i)
{
	unsigned int num;
	char **names = xs_directory(h, XBT_NULL, BENCH_ROOT "/keys", &num);

	free(names);
	return names != NULL && num == BENCH_KEYS;
}

static bool op_transaction(struct xs_handle *h, unsigned long i)
{
	char path[64];
	xs_transaction_t t = xs_transaction_start(h);

	if (t == XBT_NULL)
		return false;
	key_path(path, sizeof(path), i);
	if (!xs_write(h, t, path, "tx", 2)) {
		xs_transaction_end(h, t, true);
		return false;
	}
	return xs_transaction_end(h, t, false);
}

/* A write to a watched node and the wait for its event. */
static bool op_watch_event(struct xs_handle *h, unsigned long i)
{
	unsigned int num;
	char **ev;

	if (!xs_write(h, XBT_NULL, BENCH_ROOT "/watched", "x", 1))
		return false;
	ev = xs_read_watch(h, &num);
	free(ev);
	return ev != NULL;
}

static const struct bench_op ops[] = {
	{ "write", op_write },
	{ "read", op_read },
	{ "directory (100 children)", op_directory },
	{ "transaction (start, write, commit)", op_transaction },
	{ "write + watch event", op_watch_event },
};

static int setup(struct xs_handle *h)
{
	unsigned int num;
	char **ev;

	xs_rm(h, XBT_NULL, BENCH_ROOT);
	for (unsigned long i = 0; i < BENCH_KEYS; i++)
		if (!op_write(h, i))
			return -1;
	if (!xs_write(h, XBT_NULL, BENCH_ROOT "/watched", "", 0) ||
	    !xs_watch(h, BENCH_ROOT "/watched", "bench"))
		return -1;
	/* The event every new watch gets at once. */
	ev = xs_read_watch(h, &num);
	free(ev);
	return ev ? 0 : -1;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Runs op count times, runs times over; prints the rates. */
static int run_op(struct xs_handle *h, const struct bench_op *op, unsigned long count,
		  unsigned int runs)
{
	double rates[MAX_RUNS];

	for (unsigned int r = 0; r < runs; r++) {
		double start = now_seconds();

		for (unsigned long i = 0; i < count; i++) {
			if (!op->run(h, i)) {
				fprintf(stderr, "xs-client-bench: %s failed: %s\n", op->name,
					strerror(errno));
				return -1;
			}
		}
		rates[r] = (double)count / (now_seconds() - start);
	}
	qsort(rates, runs, sizeof(rates[0]), compare_doubles);
	printf("xenstore client %s: median %.0f ops/s (min %.0f, max %.0f; %u runs of %lu)\n",
	       op->name, rates[runs / 2], rates[0], rates[runs - 1], runs, count);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long count = 20000;
	unsigned long runs = 5;
	const char *socket = NULL;
	struct xs_handle *h;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			count = strtoul(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
			runs = strtoul(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc) {
			socket = argv[++i];
		} else {
			fprintf(stderr, "usage: xs-client-bench [-n COUNT] [-r RUNS] [--socket PATH]\n");
			return 2;
		}
	}
	if (count == 0 || runs == 0 || runs > MAX_RUNS) {
		fprintf(stderr, "xs-client-bench: COUNT must be positive, RUNS 1 to %d\n", MAX_RUNS);
		return 2;
	}
	h = socket ? xs_open_socket(socket) : xs_open(0);
	if (!h) {
		fprintf(stderr, "xs-client-bench: cannot connect: %s\n", strerror(errno));
		return 1;
	}
	if (setup(h) < 0) {
		fprintf(stderr, "xs-client-bench: setup failed: %s\n", strerror(errno));
		status = 1;
	}
	for (size_t i = 0; status == 0 && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (run_op(h, &ops[i], count, (unsigned int)runs) < 0)
			status = 1;
	xs_rm(h, XBT_NULL, BENCH_ROOT);
	xs_close(h);
	return status;
}
