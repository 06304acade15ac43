/* SPDX-License-Identifier: MIT */
/*
 * `stress-create N CONFIG [-p]`: N cycles of building a domain from CONFIG
 * and destroying it, as fast as the toolstack goes, then the times per
 * step and the hypervisor's free frames before and after (they must be
 * equal: every frame comes back).
 */
#include <console.h>
#include <ctype.h>
#include <malloc.h>
#include <string.h>
#include <time.h>
#include "shell/shell.h"
#include "toolstack/create.h"
#include "toolstack/domctl.h"
#include "toolstack/errname.h"
#include "shell/builtins.h"

#define STRESS_MAX	100000ul

struct stress_stats {
	uint64_t create_ns, destroy_ns;		/* totals */
	uint64_t create_max_ns, destroy_max_ns;
};

static uint64_t free_pages(void)
{
	struct shale_domctl_physinfo p;

	return ts_physinfo(&p) ? 0 : p.free_pages;
}

/* One create and destroy; false (with a message) if either fails. */
static bool cycle(const struct domain_config *cfg, const char *path, bool paused,
		  struct stress_stats *st, unsigned long i)
{
	struct domain_config *copy = malloc(sizeof(*copy));
	char msg[256];
	uint64_t t0, t1, t2;
	uint16_t domid;
	int rc;

	if (!copy) {
		printf("stress-create: out of memory in dom0 at cycle %lu\n", i + 1);
		return false;
	}
	memcpy(copy, cfg, sizeof(*copy));
	t0 = monotonic_ns();
	rc = ts_create(copy, path, paused, &domid, msg, sizeof(msg));
	t1 = monotonic_ns();
	if (rc) {
		printf("stress-create: cycle %lu: %s\n", i + 1, msg);
		return false;
	}
	rc = ts_destroy(domid);
	t2 = monotonic_ns();
	if (rc) {
		printf("stress-create: cycle %lu: destroy d%u: %s\n", i + 1, domid, ts_errname(rc));
		return false;
	}
	st->create_ns += t1 - t0;
	st->destroy_ns += t2 - t1;
	st->create_max_ns = MAX(st->create_max_ns, t1 - t0);
	st->destroy_max_ns = MAX(st->destroy_max_ns, t2 - t1);
	return true;
}

static void report(unsigned long n, const struct stress_stats *st, uint64_t before,
		   uint64_t after)
{
	printf("stress-create: %lu cycles: create mean %llu us (max %llu), destroy mean %llu us "
	       "(max %llu)\n", n, (unsigned long long)(st->create_ns / n / 1000),
	       (unsigned long long)(st->create_max_ns / 1000),
	       (unsigned long long)(st->destroy_ns / n / 1000),
	       (unsigned long long)(st->destroy_max_ns / 1000));
	printf("stress-create: free pages %llu before, %llu after: %s\n",
	       (unsigned long long)before, (unsigned long long)after,
	       before == after ? "all returned" : "MISMATCH");
}

int cmd_stress_create(int argc, char **argv)
{
	struct stress_stats st = { 0 };
	struct domain_config *cfg;
	char path[256], msg[256];
	bool paused = argc == 4 && !strcmp(argv[3], "-p");
	unsigned long n, i;
	uint64_t before;
	char *end;
	int rc;

	if (argc != 3 && !paused)
		return shell_usage(shell_find("stress-create"));
	n = strtoul(argv[1], &end, 10);
	if (!isdigit(argv[1][0]) || *end || strlen(argv[1]) > 6 || n < 1 || n > STRESS_MAX) {
		printf("stress-create: '%s': expected a count from 1 to %lu\n", argv[1], STRESS_MAX);
		return 1;
	}
	if (!ts_config_path(argv[2], path, sizeof(path))) {
		printf("stress-create: %s: path too long\n", argv[2]);
		return 1;
	}
	rc = ts_config_load(path, &cfg, msg, sizeof(msg));
	if (rc) {
		printf("stress-create: %s\n", msg);
		return 1;
	}
	before = free_pages();
	for (i = 0; i < n; i++)
		if (!cycle(cfg, path, paused, &st, i))
			break;
	free(cfg);
	if (i < n)
		return 1;
	report(n, &st, before, free_pages());
	return before == free_pages() ? 0 : 1;
}
