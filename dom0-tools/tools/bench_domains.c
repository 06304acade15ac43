/* SPDX-License-Identifier: MIT */
/*
 * Domain benchmarks, run by tests/bench/bench.py through dom0's /etc/rc:
 *
 *   bench-domains CONFIG N...   for each N (ascending): brings the number of
 *     idle background domains (CONFIG, renamed bg-K) up to N, then times
 *     creating one more domain (unpaused, to running), listing all domains
 *     and destroying it; prints "BENCH domains N: create X ms, list Y ms,
 *     destroy Z ms". Background domains are destroyed at the end.
 *   bench-density CONFIG        creates paused domains from CONFIG until the
 *     hypervisor runs out of memory; prints how many fit and the memory
 *     each took, then destroys them all.
 */
#include <console.h>
#include <malloc.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "shell/builtins.h"
#include "toolstack/create.h"
#include "toolstack/domctl.h"
#include "toolstack/policy.h"

#define MAX_BG	4096

static uint16_t bg[MAX_BG];
static unsigned int nr_bg;

static int create_named(const struct domain_config *cfg, const char *path, const char *name,
			bool paused, uint16_t *domid)
{
	struct domain_config *copy = malloc(sizeof(*copy));
	char msg[256];
	int rc;

	if (!copy)
		return -SHALE_ENOMEM;
	memcpy(copy, cfg, sizeof(*copy));
	strlcpy(copy->name, name, sizeof(copy->name));
	rc = ts_create(copy, path, paused, domid, msg, sizeof(msg));
	if (rc && rc != -SHALE_ENOMEM)
		printf("bench: %s\n", msg);
	return rc;
}

/* Walks every domain as `shl list` does, without printing. */
static unsigned int list_domains(void)
{
	ts_dominfo_t info;
	unsigned int n = 0;

	for (uint32_t next = 0; next < SHALE_DOMID_FIRST_RESERVED &&
	     ts_domain_info_next((uint16_t)next, &info) == 0; next = info.domain + 1)
		n++;
	return n;
}

static void destroy_background(void)
{
	while (nr_bg)
		ts_destroy(bg[--nr_bg]);
}

static int load(const char *arg, char *path, struct domain_config **cfg)
{
	char msg[256];

	if (!ts_config_path(arg, path, 256) || ts_config_load(path, cfg, msg, sizeof(msg))) {
		printf("bench: cannot load %s\n", arg);
		return -1;
	}
	return 0;
}

/*
 * Waits (up to 60 s) until the hypervisor has zeroed every free frame,
 * as a host at rest has: creates are timed on a settled machine, not
 * against the scrub that follows boot. Says how long that took.
 */
static void wait_scrubbed(void)
{
	uint64_t t0 = monotonic_ns();
	struct shale_domctl_physinfo p;

	while (ts_physinfo(&p) == 0 && p.scrub_pages && monotonic_ns() - t0 < SECONDS(60))
		msleep(10);
	printf("BENCH scrub: %llu frames left to zero after %llu ms\n",
	       (unsigned long long)p.scrub_pages, (unsigned long long)(monotonic_ns() - t0) / 1000000);
}

static void time_one(const struct domain_config *cfg, const char *path, unsigned int n)
{
	uint64_t t0, t1, t2, t3;
	uint16_t domid;

	t0 = monotonic_ns();
	if (create_named(cfg, path, "probe", false, &domid))
		return;
	t1 = monotonic_ns();
	list_domains();
	t2 = monotonic_ns();
	ts_destroy(domid);
	t3 = monotonic_ns();
	printf("BENCH domains %u: create %llu.%03llu ms, list %llu.%03llu ms, "
	       "destroy %llu.%03llu ms\n", n,
	       (unsigned long long)(t1 - t0) / 1000000, (unsigned long long)(t1 - t0) / 1000 % 1000,
	       (unsigned long long)(t2 - t1) / 1000000, (unsigned long long)(t2 - t1) / 1000 % 1000,
	       (unsigned long long)(t3 - t2) / 1000000, (unsigned long long)(t3 - t2) / 1000 % 1000);
}

int cmd_bench_domains(int argc, char **argv)
{
	struct domain_config *cfg;
	char path[256], name[32];

	if (argc < 3) {
		printf("usage: bench-domains CONFIG N...\n");
		return 2;
	}
	if (load(argv[1], path, &cfg))
		return 1;
	for (int a = 2; a < argc; a++) {
		unsigned int target = (unsigned int)strtoul(argv[a], NULL, 10);

		while (nr_bg < target && nr_bg < MAX_BG) {
			snprintf(name, sizeof(name), "bg-%u", nr_bg);
			if (create_named(cfg, path, name, false, &bg[nr_bg]))
				break;
			nr_bg++;
			/* Let each new guest reach its idle loop before the next. */
			schedule();
		}
		if (nr_bg < target) {
			printf("BENCH domains %u: only %u background domains fit\n", target, nr_bg);
			break;
		}
		msleep(100);
		wait_scrubbed();
		time_one(cfg, path, nr_bg);
	}
	destroy_background();
	free(cfg);
	return 0;
}

int cmd_bench_density(int argc, char **argv)
{
	struct shale_domctl_physinfo before, after;
	struct domain_config *cfg;
	char path[256], name[32];

	if (argc != 2) {
		printf("usage: bench-density CONFIG\n");
		return 2;
	}
	if (load(argv[1], path, &cfg) || ts_physinfo(&before))
		return 1;
	while (nr_bg < MAX_BG) {
		snprintf(name, sizeof(name), "dense-%u", nr_bg);
		if (create_named(cfg, path, name, true, &bg[nr_bg]))
			break;
		nr_bg++;
	}
	ts_physinfo(&after);
	printf("BENCH density: %u domains of %llu MiB fit in %llu MiB free; %llu KiB each "
	       "including hypervisor overhead\n", nr_bg, (unsigned long long)cfg->memory_mib,
	       (unsigned long long)before.free_pages >> 8,
	       nr_bg ? (unsigned long long)((before.free_pages - after.free_pages) * 4 / nr_bg) : 0);
	destroy_background();
	free(cfg);
	return 0;
}

/* Milliseconds with three decimals, for BENCH lines. */
static void print_ms(const char *what, uint64_t ns)
{
	printf(" %s %llu.%03llu ms", what, (unsigned long long)ns / 1000000,
	       (unsigned long long)ns / 1000 % 1000);
}

/*
 * bench-create CONFIG N: N times, create CONFIG's domain running (the
 * guest should power off by itself; hello with "timing" prints when its
 * kernel started and when it wrote its first line), then wait until the
 * policy has destroyed it. Prints the system time at the start so the
 * guest's own stamps can be set against it.
 */
int cmd_bench_create(int argc, char **argv)
{
	struct domain_config *cfg;
	char path[256];
	unsigned long n;

	if (argc != 3) {
		printf("usage: bench-create CONFIG N\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	if (load(argv[1], path, &cfg) || ts_policy_start())
		return 1;
	wait_scrubbed();
	for (unsigned long i = 0; i < n; i++) {
		ts_dominfo_t info;
		uint64_t t0, t1;
		uint16_t domid;

		t0 = monotonic_ns();
		if (create_named(cfg, path, cfg->name, false, &domid))
			break;
		t1 = monotonic_ns();
		/* Until the guest has run, shut down and been destroyed by its policy. */
		while (ts_domain_info(domid, &info) == 0)
			msleep(1);
		printf("BENCH create: start %llu ns,", (unsigned long long)t0);
		print_ms("command", t1 - t0);
		print_ms("to destroyed", monotonic_ns() - t0);
		printf("\n");
	}
	free(cfg);
	return 0;
}

static uint64_t cpu_ns(uint16_t domid)
{
	ts_dominfo_t info;

	return ts_domain_info(domid, &info) ? 0 : info.cpu_time_ns;
}

/*
 * bench-sched CONFIG SECONDS: the scheduler's controls, measured. CONFIG
 * must be a guest that spins. First one spinner capped at 30%, then two
 * uncapped spinners of weight 256 and 512, each for SECONDS while dom0
 * sleeps; prints the share of the CPU each got.
 */
int cmd_bench_sched(int argc, char **argv)
{
	struct domain_config *cfg;
	char path[256];
	uint16_t a, b;
	uint64_t t0, ca, cb, secs;

	if (argc != 3) {
		printf("usage: bench-sched CONFIG SECONDS\n");
		return 2;
	}
	secs = strtoul(argv[2], NULL, 10);
	if (load(argv[1], path, &cfg))
		return 1;
	if (create_named(cfg, path, "spin-capped", false, &a) || ts_sched_set(a, 256, 30))
		goto out;
	t0 = monotonic_ns();
	ca = cpu_ns(a);
	msleep(secs * 1000);
	ca = cpu_ns(a) - ca;
	t0 = monotonic_ns() - t0;
	printf("BENCH cap 30%%: used %llu.%01llu%% of the CPU over %llu s\n",
	       (unsigned long long)(ca * 100 / t0), (unsigned long long)(ca * 1000 / t0 % 10),
	       (unsigned long long)secs);
	ts_destroy(a);
	if (create_named(cfg, path, "spin-256", false, &a) ||
	    create_named(cfg, path, "spin-512", false, &b) || ts_sched_set(b, 512, 0))
		goto out;
	ca = cpu_ns(a);
	cb = cpu_ns(b);
	msleep(secs * 1000);
	ca = cpu_ns(a) - ca;
	cb = cpu_ns(b) - cb;
	printf("BENCH weights 256:512: shares %llu%% : %llu%% (ideal 33%% : 67%%)\n",
	       (unsigned long long)(ca * 100 / (ca + cb)), (unsigned long long)(cb * 100 / (ca + cb)));
	ts_destroy(a);
	ts_destroy(b);
out:
	free(cfg);
	return 0;
}
