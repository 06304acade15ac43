/* SPDX-License-Identifier: MIT */
/*
 * Console backend diagnostics and benchmark: `lscons` lists every guest
 * console the backend serves; `bench-console CONFIG RUNS` measures how
 * fast a guest's output reaches the backend (CONFIG must print for ever:
 * the flood guest).
 */
#include <console.h>
#include <malloc.h>
#include <public/errno.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "backends/console.h"
#include "shell/builtins.h"
#include "shell/shell.h"
#include "toolstack/create.h"
#include "toolstack/errname.h"

#define LIST_MAX	64u
#define BENCH_WARMUP_MS	200	/* the guest boots and fills its ring first */
#define BENCH_WINDOW_MS	1000

static void print_console(const struct console_backend_info *c)
{
	printf("d%-5u port %4u  out %llu B (%llu dropped, %llu buffered, %llu not echoed)  "
	       "in %llu B (%llu dropped)  %llu turns%s%s%s\n", c->domid, c->port,
	       (unsigned long long)c->bytes_out, (unsigned long long)c->dropped,
	       (unsigned long long)c->buffered, (unsigned long long)c->not_echoed,
	       (unsigned long long)c->bytes_in, (unsigned long long)c->in_dropped,
	       (unsigned long long)c->turns, c->attached ? ", attached" : "",
	       c->echo_paused ? ", echo paused" : "", c->broken ? ", BROKEN" : "");
}

int cmd_lscons(int argc, char **argv)
{
	struct console_backend_info *list;
	unsigned int n;

	if (argc != 1)
		return shell_usage(shell_find("lscons"));
	list = malloc(LIST_MAX * sizeof(*list));
	if (!list) {
		printf("lscons: out of memory\n");
		return 1;
	}
	n = console_backend_list(list, LIST_MAX);
	for (unsigned int i = 0; i < MIN(n, LIST_MAX); i++)
		print_console(&list[i]);
	printf("lscons: %u guest console(s)%s\n", n, n > LIST_MAX ? " (first 64 shown)" : "");
	free(list);
	return 0;
}

/* One run: bytes the backend took from a flooding guest over BENCH_WINDOW_MS. */
static int bench_run(const struct domain_config *cfg, const char *path, unsigned int run)
{
	struct domain_config *copy = malloc(sizeof(*copy));
	struct console_backend_info a, b;
	char msg[256];
	uint16_t domid;
	int rc;

	if (!copy)
		return -SHALE_ENOMEM;
	memcpy(copy, cfg, sizeof(*copy));
	rc = ts_create(copy, path, false, &domid, msg, sizeof(msg));
	if (rc) {
		printf("bench-console: %s\n", msg);
		return rc;
	}
	msleep(BENCH_WARMUP_MS);
	rc = console_backend_info(domid, &a);
	msleep(BENCH_WINDOW_MS);
	if (!rc)
		rc = console_backend_info(domid, &b);
	ts_destroy(domid);
	if (rc)
		return rc;
	printf("BENCH console: run %u: %llu bytes in %llu ms: %llu bytes/s, %llu turns\n", run,
	       (unsigned long long)(b.bytes_out - a.bytes_out),
	       (unsigned long long)(b.last_ns - a.last_ns) / 1000000,
	       (unsigned long long)((b.bytes_out - a.bytes_out) * SECONDS(1) /
				    (b.last_ns - a.last_ns ? b.last_ns - a.last_ns : 1)),
	       (unsigned long long)(b.turns - a.turns));
	return 0;
}

int cmd_bench_console(int argc, char **argv)
{
	struct domain_config *cfg;
	char path[256], msg[256];
	unsigned long runs;

	if (argc != 3)
		return shell_usage(shell_find("bench-console"));
	runs = strtoul(argv[2], NULL, 10);
	if (!ts_config_path(argv[1], path, sizeof(path)) ||
	    ts_config_load(path, &cfg, msg, sizeof(msg))) {
		printf("bench-console: cannot load %s\n", argv[1]);
		return 1;
	}
	for (unsigned long i = 1; i <= runs; i++)
		if (bench_run(cfg, path, (unsigned int)i))
			break;
	free(cfg);
	return 0;
}
