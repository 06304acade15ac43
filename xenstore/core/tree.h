/* SPDX-License-Identifier: MIT */
/*
 * The tree operations with Xen's rules, on a view, for a domain:
 *
 * - A node the domain may not access is EACCES. A missing node is ENOENT
 *   if the domain has the needed right on its nearest existing ancestor,
 *   EACCES otherwise, so errors reveal nothing the domain may not see.
 * - Writing a missing node creates the missing ancestors too. Each new
 *   node copies its parent's permissions, and a domain other than dom0
 *   becomes the owner of what it creates (and is charged for it).
 * - Removing takes the whole subtree; removing a missing node whose parent
 *   exists succeeds.
 *
 * Paths are absolute and valid (path_resolve()). Each returns 0 or an
 * errno value (STORE_EQUOTA for the node quota), and records the watch
 * events of its change in the view.
 */
#ifndef SHALE_XENSTORE_TREE_H
#define SHALE_XENSTORE_TREE_H

#include <stddef.h>
#include "node.h"
#include "view.h"

/* The node, if domid may read it (the caller frees it). */
int tree_read(struct view *v, unsigned int domid, const char *path, size_t len,
	      struct node **out);

int tree_write(struct view *v, unsigned int domid, const char *path, size_t len,
	       const void *value, size_t value_len);

/* Creates an empty node; an existing one (writable) is left as it is. */
int tree_mkdir(struct view *v, unsigned int domid, const char *path, size_t len);

int tree_rm(struct view *v, unsigned int domid, const char *path, size_t len);

/* Only the owner or dom0; only dom0 may give a node to another owner (EPERM). */
int tree_set_perms(struct view *v, unsigned int domid, const char *path, size_t len,
		   const struct perm *perms, unsigned int nperms);

/* Creates path with these permissions if it is missing (store set-up, dom0). */
int tree_ensure(struct view *v, const char *path, size_t len, const struct perm *perms,
		unsigned int nperms);

#endif /* SHALE_XENSTORE_TREE_H */
