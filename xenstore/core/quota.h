/* SPDX-License-Identifier: MIT */
/*
 * How many nodes each domain owns, for the per-domain node quota. Counted
 * from the database when the store opens and kept in step with every
 * commit; domain ids are at most PERM_DOMID_MAX, so a flat table serves.
 */
#ifndef SHALE_XENSTORE_QUOTA_H
#define SHALE_XENSTORE_QUOTA_H

#include <stdint.h>

struct quota {
	uint32_t *nodes;	/* indexed by domid */
};

/* 0 or ENOMEM. */
int quota_init(struct quota *q);
void quota_fini(struct quota *q);

unsigned int quota_nodes(const struct quota *q, unsigned int domid);
void quota_adjust(struct quota *q, unsigned int domid, int delta);

#endif /* SHALE_XENSTORE_QUOTA_H */
