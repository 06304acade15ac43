/* SPDX-License-Identifier: MIT */
/* The table of domains the toolstack created: a list, newest first. */
#include <malloc.h>
#include <public/errno.h>
#include <string.h>
#include <time.h>
#include "domains.h"
#include "domctl.h"

static struct ts_domain *head;
static unsigned int count;

struct ts_domain *ts_domains_add(uint16_t domid, struct domain_config *cfg, const char *path)
{
	struct ts_domain *d = calloc(1, sizeof(*d));

	if (!d) {
		free(cfg);
		return NULL;
	}
	ts_domains_remove(domid);
	d->domid = domid;
	d->cfg = cfg;
	d->started_ns = monotonic_ns();
	strlcpy(d->cfg_path, path, sizeof(d->cfg_path));
	d->next = head;
	head = d;
	count++;
	return d;
}

struct ts_domain *ts_domains_find(uint16_t domid)
{
	for (struct ts_domain *d = head; d; d = d->next)
		if (d->domid == domid)
			return d;
	return NULL;
}

void ts_domains_remove(uint16_t domid)
{
	for (struct ts_domain **p = &head; *p; p = &(*p)->next) {
		struct ts_domain *d = *p;

		if (d->domid == domid) {
			*p = d->next;
			free(d->cfg);
			free(d);
			count--;
			return;
		}
	}
}

void ts_domains_prune(void)
{
	struct ts_domain **p = &head;

	while (*p) {
		struct ts_domain *d = *p;
		ts_dominfo_t info;

		if (ts_domain_info(d->domid, &info) == -SHALE_ESRCH) {
			*p = d->next;
			free(d->cfg);
			free(d);
			count--;
		} else {
			p = &d->next;
		}
	}
}

unsigned int ts_domains_count(void)
{
	return count;
}
