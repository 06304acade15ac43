/* SPDX-License-Identifier: MIT */
/* shl create, destroy, shutdown, reboot, pause, unpause: a domain's life. */
#include <console.h>
#include <public/sched.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "shl.h"
#include "toolstack/create.h"
#include "toolstack/domains.h"
#include "toolstack/domctl.h"
#include "toolstack/errname.h"
#include "toolstack/policy.h"

#define SHUTDOWN_WAIT_MS	30000	/* -w gives up after this long */

/* The parser's warnings, then what Shale cannot do yet that the config asks for. */
static void print_warnings(const struct domain_config *cfg)
{
	for (unsigned int i = 0; i < cfg->nr_warnings; i++)
		printf("shl: create: %s\n", cfg->warnings[i]);
	if (cfg->nr_warnings_dropped)
		printf("shl: create: %u more warning(s) not shown\n", cfg->nr_warnings_dropped);
	if (cfg->vcpus > 1 || cfg->maxvcpus > 1)
		printf("shl: create: warning: vcpus = %u, maxvcpus = %u: domains have one vCPU "
		       "for now; using 1\n", cfg->vcpus, cfg->maxvcpus);
	if (cfg->cap > TS_MAX_CAP)
		printf("shl: create: warning: cap = %u: more than one vCPU's worth; using %u\n",
		       cfg->cap, TS_MAX_CAP);
	if (cfg->nr_disks || cfg->nr_vifs)
		printf("shl: create: warning: %u disk(s) and %u vif(s) ignored: no split drivers "
		       "yet\n", cfg->nr_disks, cfg->nr_vifs);
}

int shl_create(int argc, char **argv)
{
	struct domain_config *cfg;
	char path[TS_PATH_MAX], msg[256], name[CFG_NAME_MAX];
	bool paused = false, attach = false;
	int optind = 1, opt, rc;
	uint64_t mib;
	uint16_t domid;
	char *optarg;

	while ((opt = shl_getopt(argc, argv, "pc", &optind, &optarg)) != -1) {
		if (opt == 'p')
			paused = true;
		else if (opt == 'c')
			attach = true;
		else
			return shl_usage("create");
	}
	if (optind != argc - 1)
		return shl_usage("create");
	if (!ts_config_path(argv[optind], path, sizeof(path)))
		return shl_error("create: %s: path too long", argv[optind]);
	printf("Parsing config from %s\n", path);
	rc = ts_config_load(path, &cfg, msg, sizeof(msg));
	if (rc)
		return shl_error("create: %s", msg);
	print_warnings(cfg);
	rc = ts_policy_start();
	if (rc)
		printf("shl: warning: cannot watch for domains shutting down (%s): "
		       "on_poweroff/on_reboot/on_crash will not apply\n", ts_errname(rc));
	strlcpy(name, cfg->name, sizeof(name));
	mib = cfg->memory_mib;
	msg[0] = '\0';
	rc = ts_create(cfg, path, paused, &domid, msg, sizeof(msg));
	if (rc)
		return shl_error("create: %s", msg);
	printf("shl: %s (d%u) created: %llu MiB, %s\n", name, domid, (unsigned long long)mib,
	       paused ? "paused" : "running");
	if (msg[0])
		printf("shl: warning: %s\n", msg);
	return attach ? shl_attach_console(domid) : 0;
}

/* The one DOM argument of destroy, pause and the like; dom0 refused with a message. */
static bool one_domain(int argc, char **argv, uint16_t *domid)
{
	if (argc != 2) {
		shl_usage(argv[0]);
		return false;
	}
	if (!shl_domain_arg(argv[1], domid))
		return false;
	if (*domid == 0) {
		shl_error("%s: not for Domain-0 (it runs the toolstack)", argv[0]);
		return false;
	}
	return true;
}

static int report(const char *cmd, uint16_t domid, int rc)
{
	if (rc)
		return shl_error("%s: d%u: %s", cmd, domid, ts_errname(rc));
	return 0;
}

int shl_destroy(int argc, char **argv)
{
	uint16_t domid;

	if (!one_domain(argc, argv, &domid))
		return argc != 2 ? 2 : 1;
	return report("destroy", domid, ts_destroy(domid));
}

int shl_pause(int argc, char **argv)
{
	uint16_t domid;

	if (!one_domain(argc, argv, &domid))
		return argc != 2 ? 2 : 1;
	return report("pause", domid, ts_domain_pause(domid));
}

int shl_unpause(int argc, char **argv)
{
	uint16_t domid;

	if (!one_domain(argc, argv, &domid))
		return argc != 2 ? 2 : 1;
	return report("unpause", domid, ts_domain_unpause(domid));
}

/* Has the policy thread finished with domid: gone, or shut down and kept? */
static bool settled(uint16_t domid)
{
	const struct ts_domain *t = ts_domains_find(domid);
	ts_dominfo_t info;

	if (ts_domain_info(domid, &info))
		return true;
	if (!(info.flags & SHALE_DOMINF_shutdown))
		return false;
	return !t || t->preserved;
}

static int wait_settled(const char *cmd, uint16_t domid)
{
	uint64_t deadline = monotonic_ns() + MILLISECS(SHUTDOWN_WAIT_MS);

	while (!settled(domid)) {
		if (monotonic_ns() > deadline)
			return shl_error("%s: d%u did not shut down within %u s", cmd, domid,
					 SHUTDOWN_WAIT_MS / 1000);
		msleep(10);
	}
	return 0;
}

/* shutdown and reboot: ask the domain to stop; its policy then acts (-w waits for that). */
static int stop_domain(int argc, char **argv, unsigned int reason)
{
	bool wait = false;
	int optind = 1, opt, rc;
	uint16_t domid;
	char *optarg;

	while ((opt = shl_getopt(argc, argv, "w", &optind, &optarg)) != -1) {
		if (opt != 'w')
			return shl_usage(argv[0]);
		wait = true;
	}
	if (optind != argc - 1)
		return shl_usage(argv[0]);
	if (!shl_domain_arg(argv[optind], &domid))
		return 1;
	if (domid == 0)
		return shl_error("%s: not for Domain-0 (use the shell's %s)", argv[0],
				 reason == SHALE_SHUTDOWN_reboot ? "reboot" : "poweroff");
	rc = ts_policy_start();
	if (rc)
		printf("shl: warning: cannot watch for domains shutting down (%s)\n",
		       ts_errname(rc));
	rc = ts_domain_shutdown(domid, reason);
	if (rc)
		return report(argv[0], domid, rc);
	return wait ? wait_settled(argv[0], domid) : 0;
}

int shl_shutdown(int argc, char **argv)
{
	return stop_domain(argc, argv, SHALE_SHUTDOWN_poweroff);
}

int shl_reboot(int argc, char **argv)
{
	return stop_domain(argc, argv, SHALE_SHUTDOWN_reboot);
}
