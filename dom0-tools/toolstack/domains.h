/* SPDX-License-Identifier: MIT */
/*
 * The domains this toolstack created, with the configuration each was
 * built from: what the shutdown policies (policy.h) act on and restart
 * from. The hypervisor remains the authority on which domains exist and
 * what they are called (getdomaininfo); this table only adds what it does
 * not know.
 *
 * dom0's threads are cooperative, so the table needs no lock: nothing
 * preempts a thread between two calls here.
 */
#ifndef SHALE_DOM0_TOOLSTACK_DOMAINS_H
#define SHALE_DOM0_TOOLSTACK_DOMAINS_H

#include <stdbool.h>
#include <stdint.h>
#include "config.h"

#define TS_PATH_MAX	256

struct ts_domain {
	struct ts_domain *next;
	uint16_t domid;
	struct domain_config *cfg;	/* owned: freed with the entry */
	char cfg_path[TS_PATH_MAX];	/* the file it came from, for messages */
	bool preserved;			/* shut down and kept (on_* = preserve) */
	uint64_t started_ns;		/* system time it was (re)created */
	unsigned int restarts;		/* times a policy restarted it */
	unsigned int fast_restarts;	/* restarts in a row soon after starting */
};

/*
 * Adds domid with cfg (the table takes ownership of cfg, a malloc()ed
 * block). Returns the entry, or NULL when dom0 is out of memory (cfg is
 * then freed).
 */
struct ts_domain *ts_domains_add(uint16_t domid, struct domain_config *cfg, const char *path);

/* The entry for domid, or NULL when the toolstack did not create it. */
struct ts_domain *ts_domains_find(uint16_t domid);

/* Forgets domid (its config is freed). Nothing happens if it is not there. */
void ts_domains_remove(uint16_t domid);

/* Forgets entries whose domain no longer exists (destroyed by someone else). */
void ts_domains_prune(void);

/* How many entries there are. */
unsigned int ts_domains_count(void);

#endif /* SHALE_DOM0_TOOLSTACK_DOMAINS_H */
