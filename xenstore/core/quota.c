/* SPDX-License-Identifier: MIT */
/* Per-domain node counts. */
#include <stdlib.h>
#include <errno.h>
#include "perms.h"
#include "quota.h"

int quota_init(struct quota *q)
{
	q->nodes = calloc(PERM_DOMID_MAX + 1, sizeof(*q->nodes));
	return q->nodes ? 0 : ENOMEM;
}

void quota_fini(struct quota *q)
{
	free(q->nodes);
	q->nodes = NULL;
}

unsigned int quota_nodes(const struct quota *q, unsigned int domid)
{
	return domid <= PERM_DOMID_MAX ? q->nodes[domid] : 0;
}

void quota_adjust(struct quota *q, unsigned int domid, int delta)
{
	if (domid > PERM_DOMID_MAX)
		return;
	if (delta < 0 && q->nodes[domid] < (uint32_t)-delta)
		q->nodes[domid] = 0;
	else
		q->nodes[domid] += (uint32_t)delta;
}
