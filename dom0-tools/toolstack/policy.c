/* SPDX-License-Identifier: MIT */
/* The shutdown-policy thread: VIRQ_DOM_EXC wakes it, it acts on each domain that shut down. */
#include <console.h>
#include <events.h>
#include <malloc.h>
#include <public/errno.h>
#include <public/sched.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "create.h"
#include "devices.h"
#include "domains.h"
#include "domctl.h"
#include "errname.h"
#include "policy.h"

static DECLARE_WAIT_QUEUE_HEAD(exc_wait);
static volatile bool exc_seen;
static bool started;

/* Domains not ours that shut down and were reported once already: one bit per id. */
static uint64_t noted[SHALE_DOMID_FIRST_RESERVED / 64];

static void on_dom_exc(evtchn_port_t port, void *data)
{
	exc_seen = true;
	wake_up(&exc_wait);
}

static const char *reason_verb(uint32_t reason)
{
	switch (reason) {
	case SHALE_SHUTDOWN_poweroff:
		return "powered off";
	case SHALE_SHUTDOWN_reboot:
		return "rebooted";
	case SHALE_SHUTDOWN_suspend:
		return "suspended";
	case SHALE_SHUTDOWN_crash:
		return "crashed";
	case SHALE_SHUTDOWN_watchdog:
		return "was stopped by its watchdog";
	default:
		return "shut down";
	}
}

static enum cfg_action action_for(const struct domain_config *cfg, uint32_t reason)
{
	switch (reason) {
	case SHALE_SHUTDOWN_poweroff:
		return cfg->on_poweroff;
	case SHALE_SHUTDOWN_reboot:
		return cfg->on_reboot;
	default:
		return cfg->on_crash;	/* crash and watchdog */
	}
}

/* Destroys t's domain and builds it again from its config; prints the outcome. */
static void restart(struct ts_domain *t, const char *who, const char *note)
{
	struct domain_config *cfg = malloc(sizeof(*cfg));
	char path[TS_PATH_MAX], msg[256];
	unsigned int restarts = t->restarts + 1, fast = t->fast_restarts;
	uint64_t now = monotonic_ns();
	uint16_t old = t->domid, domid;
	int rc;

	fast = now - t->started_ns < TS_RESTART_FAST_NS ? fast + 1 : 0;
	if (fast >= TS_MAX_FAST_RESTARTS || !cfg) {
		rc = ts_destroy(old);
		printf("shl: %s: %s%s\n", who, cfg ? "restarting too fast" : "no memory to restart",
		       rc ? "; destroy failed" : ": destroyed");
		free(cfg);
		return;
	}
	memcpy(cfg, t->cfg, sizeof(*cfg));
	strlcpy(path, t->cfg_path, sizeof(path));
	ts_destroy(old);	/* t is gone from here on */
	msg[0] = '\0';
	rc = ts_create(cfg, path, false, &domid, msg, sizeof(msg));
	if (rc) {
		printf("shl: %s: %srestart failed: %s\n", who, note, msg);
		return;
	}
	t = ts_domains_find(domid);
	if (t) {
		t->restarts = restarts;
		t->fast_restarts = fast;
	}
	printf("shl: %s: %srestarted as d%u\n", who, note, domid);
}

static void apply(struct ts_domain *t, const ts_dominfo_t *info)
{
	char who[96];
	enum cfg_action a;
	int rc;

	snprintf(who, sizeof(who), "%s (d%u) %s", info->name, info->domain,
		 reason_verb(info->shutdown_reason));
	if (info->shutdown_reason == SHALE_SHUTDOWN_suspend) {
		t->preserved = true;
		printf("shl: %s: left suspended\n", who);
		return;
	}
	a = action_for(t->cfg, info->shutdown_reason);
	switch (a) {
	case CFG_ACTION_PRESERVE:
		t->preserved = true;
		printf("shl: %s: preserved\n", who);
		return;
	case CFG_ACTION_RESTART:
		restart(t, who, "");
		return;
	case CFG_ACTION_RENAME_RESTART:
		restart(t, who, "rename-restart acts as restart: ");
		return;
	case CFG_ACTION_COREDUMP_RESTART:
		restart(t, who, "no core dumps yet: ");
		return;
	default:
		rc = ts_destroy(info->domain);
		printf("shl: %s: %s%s%s\n", who,
		       a == CFG_ACTION_COREDUMP_DESTROY ? "no core dumps yet: " : "",
		       rc ? "destroy failed: " : "destroyed", rc ? ts_errname(rc) : "");
	}
}

/* A domain the toolstack did not create: say so once per shutdown, leave it be. */
static void note_foreign(const ts_dominfo_t *info)
{
	uint64_t bit = 1ULL << (info->domain % 64);

	if (noted[info->domain / 64] & bit)
		return;
	noted[info->domain / 64] |= bit;
	printf("shl: %s (d%u) %s: not created by shl: left as it is\n", info->name,
	       info->domain, reason_verb(info->shutdown_reason));
}

void ts_policy_scan(void)
{
	ts_dominfo_t info;
	uint32_t id = 1;

	ts_domains_prune();
	ts_rings_prune();
	while (id < SHALE_DOMID_FIRST_RESERVED && ts_domain_info_next(id, &info) == 0) {
		struct ts_domain *t = ts_domains_find(info.domain);

		id = info.domain + 1u;
		if (!(info.flags & SHALE_DOMINF_shutdown) || (info.flags & SHALE_DOMINF_dying)) {
			noted[info.domain / 64] &= ~(1ULL << (info.domain % 64));
			continue;
		}
		if (!t)
			note_foreign(&info);
		else if (!t->preserved)
			apply(t, &info);
	}
}

static void policy_thread(void *arg)
{
	for (;;) {
		wait_event(exc_wait, exc_seen);
		exc_seen = false;
		ts_policy_scan();
	}
}

int ts_policy_start(void)
{
	long port;

	if (started)
		return 0;
	port = bind_virq(SHALE_VIRQ_DOM_EXC, on_dom_exc, NULL);
	if (port < 0)
		return (int)port;
	exc_seen = true;	/* look once at what happened before we listened */
	if (!create_thread("shl-policy", policy_thread, NULL)) {
		unbind_evtchn((evtchn_port_t)port);
		return -SHALE_ENOMEM;
	}
	started = true;
	return 0;
}
