/* SPDX-License-Identifier: MIT */
/* Read, write, mkdir, rm and set-permissions on the tree, with Xen's access rules. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "core.h"
#include "errors.h"
#include "tree.h"

static unsigned int rights_on(const struct node *n, unsigned int domid)
{
	return perms_for_domain(n->perms, n->nperms, domid);
}

/* The error for a missing node: see tree.h. */
static int missing_error(struct view *v, unsigned int domid, const char *path, size_t len,
			 unsigned int need)
{
	struct node *anc;
	int rc;

	do {
		len = path_parent_len(path, len);
		rc = view_get(v, path, len, &anc);
	} while (rc == ENOENT && len > 1);
	if (rc)
		return rc == ENOENT ? EACCES : rc;	/* no root: refuse */
	rc = (rights_on(anc, domid) & need) ? ENOENT : EACCES;
	node_free(anc);
	return rc;
}

/* The node, if it exists and domid has every right in need. */
static int lookup(struct view *v, unsigned int domid, const char *path, size_t len,
		  unsigned int need, struct node **out)
{
	int rc = view_get(v, path, len, out);

	if (rc == ENOENT)
		return missing_error(v, domid, path, len, need);
	if (rc)
		return rc;
	if ((rights_on(*out, domid) & need) != need) {
		node_free(*out);
		return EACCES;
	}
	return 0;
}

int tree_read(struct view *v, unsigned int domid, const char *path, size_t len,
	      struct node **out)
{
	return lookup(v, domid, path, len, PERM_READ, out);
}

/* A new child of parent: its permissions, owned by domid unless dom0 made it. */
static struct node *new_child(const struct node *parent, unsigned int domid,
			      const void *value, size_t value_len)
{
	struct node *n = node_new(parent->perms, parent->nperms, value, (uint32_t)value_len,
				  NULL, 0);

	if (n && domid != 0)
		n->perms[0].domid = domid;
	return n;
}

/*
 * Creates path and its missing ancestors below the nearest existing one,
 * the last with value. perms, if given, replace the inherited ones.
 */
static int create(struct view *v, unsigned int domid, const char *path, size_t len,
		  const void *value, size_t value_len, const struct perm *perms,
		  unsigned int nperms)
{
	struct node *parent, *child, *updated;
	size_t plen = len;
	unsigned int missing = 1;
	int rc;

	for (;;) {
		plen = path_parent_len(path, plen);
		rc = view_get(v, path, plen, &parent);
		if (rc != ENOENT || plen == 1)
			break;
		missing++;
	}
	if (rc)
		return rc == ENOENT ? EACCES : rc;
	if (!(rights_on(parent, domid) & PERM_WRITE)) {
		node_free(parent);
		return EACCES;
	}
	if (domid != 0 &&
	    view_nodes_owned(v, domid) + missing > v->store->limits.max_nodes_per_domain) {
		node_free(parent);
		return STORE_EQUOTA;
	}
	/* Down from the existing ancestor: link each new node into its parent. */
	while (plen < len) {
		size_t start = plen == 1 ? 1 : plen + 1, end = start;

		while (end < len && path[end] != '/')
			end++;
		if (end == len && perms)
			child = node_new(perms, nperms, value, (uint32_t)value_len, NULL, 0);
		else
			child = new_child(parent, domid, end == len ? value : NULL,
					  end == len ? value_len : 0);
		updated = node_with_child(parent, path + start, end - start);
		node_free(parent);
		if (!child || !updated) {
			node_free(child);
			node_free(updated);
			v->failed = true;
			return ENOMEM;
		}
		rc = view_put(v, path, plen, updated);
		if (rc) {
			node_free(child);
			return rc;
		}
		parent = child;
		plen = end;
	}
	rc = view_event(v, path, len, false, parent);
	if (rc) {
		node_free(parent);
		return rc;
	}
	return view_put(v, path, len, parent);
}

/* Puts updated (consumed; NULL: memory ran out) in place of path's node and fires its watches. */
static int put_changed(struct view *v, const char *path, size_t len, struct node *updated)
{
	int rc;

	if (!updated) {
		v->failed = true;
		return ENOMEM;
	}
	rc = view_event(v, path, len, false, updated);
	if (rc) {
		node_free(updated);
		return rc;
	}
	return view_put(v, path, len, updated);
}

int tree_write(struct view *v, unsigned int domid, const char *path, size_t len,
	       const void *value, size_t value_len)
{
	struct node *n, *updated;
	int rc = lookup(v, domid, path, len, PERM_WRITE, &n);

	if (rc == ENOENT)
		return create(v, domid, path, len, value, value_len, NULL, 0);
	if (rc)
		return rc;
	updated = node_with_value(n, value, (uint32_t)value_len);
	node_free(n);
	return put_changed(v, path, len, updated);
}

int tree_mkdir(struct view *v, unsigned int domid, const char *path, size_t len)
{
	struct node *n;
	int rc = lookup(v, domid, path, len, PERM_WRITE, &n);

	if (rc == ENOENT)
		return create(v, domid, path, len, NULL, 0, NULL, 0);
	if (!rc)
		node_free(n);
	return rc;
}

int tree_ensure(struct view *v, const char *path, size_t len, const struct perm *perms,
		unsigned int nperms)
{
	struct node *n;
	int rc = view_get(v, path, len, &n);

	if (rc == ENOENT)
		return create(v, 0, path, len, NULL, 0, perms, nperms);
	if (!rc)
		node_free(n);
	return rc;
}

/* A heap path "dir/name" for the removal walk. */
static char *child_path(const char *dir, size_t dlen, const char *name, size_t nlen)
{
	char *p = malloc(dlen + 1 + nlen + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, dlen);
	p[dlen] = '/';
	memcpy(p + dlen + 1, name, nlen);
	p[dlen + 1 + nlen] = '\0';
	return p;
}

/*
 * Removes every node below top (given as its node), depth first with a
 * heap stack, so depth costs no C stack. Each removed node fires the
 * watches set exactly on it, as in Xen.
 */
static int remove_below(struct view *v, const char *top, size_t tlen, const struct node *tn)
{
	char **stack = NULL;
	size_t depth = 0, cap = 0;
	const struct node *n = tn;
	struct node *owned = NULL;
	const char *dir = top;
	size_t dlen = tlen;
	char *cur = NULL;
	int rc = 0;

	for (;;) {
		uint32_t off = 0;

		while (n && off < n->children_len && !rc) {
			size_t nlen = strlen(n->children + off);

			if (depth == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				char **s = realloc(stack, ncap * sizeof(*s));

				if (!s) {
					rc = ENOMEM;
					break;
				}
				stack = s;
				cap = ncap;
			}
			stack[depth] = child_path(dir, dlen, n->children + off, nlen);
			if (!stack[depth])
				rc = ENOMEM;
			else
				depth++;
			off += (uint32_t)nlen + 1;
		}
		node_free(owned);
		owned = NULL;
		free(cur);
		cur = NULL;
		if (rc || depth == 0)
			break;
		cur = stack[--depth];
		dir = cur;
		dlen = strlen(cur);
		rc = view_get(v, cur, dlen, &owned);
		if (rc == ENOENT) {
			rc = 0;	/* listed but missing: nothing below it to remove */
			n = NULL;
			continue;
		}
		if (!rc)
			rc = view_event(v, cur, dlen, true, owned);
		if (!rc)
			rc = view_del(v, cur, dlen);
		n = owned;
	}
	while (depth)
		free(stack[--depth]);
	free(stack);
	if (rc)
		v->failed = true;
	return rc;
}

/* Unlinks the node at path from its parent's child list. */
static int unlink_from_parent(struct view *v, const char *path, size_t len)
{
	size_t plen = path_parent_len(path, len);
	size_t start = plen == 1 ? 1 : plen + 1;
	struct node *parent, *updated;
	int rc = view_get(v, path, plen, &parent);

	if (rc)
		return rc;
	updated = node_without_child(parent, path + start, len - start);
	node_free(parent);
	if (!updated) {
		v->failed = true;
		return ENOMEM;
	}
	return view_put(v, path, plen, updated);
}

int tree_rm(struct view *v, unsigned int domid, const char *path, size_t len)
{
	struct node *n;
	int rc = lookup(v, domid, path, len, PERM_WRITE, &n);

	if (rc == ENOENT) {
		/* Xen: removing a missing node is fine when its parent exists. */
		rc = view_get(v, path, path_parent_len(path, len), &n);
		if (!rc)
			node_free(n);
		return rc;
	}
	if (rc)
		return rc;
	if (len == 1) {
		node_free(n);
		return EINVAL;
	}
	rc = view_event(v, path, len, false, n);
	if (!rc)
		rc = remove_below(v, path, len, n);
	node_free(n);
	if (!rc)
		rc = view_del(v, path, len);
	if (!rc)
		rc = unlink_from_parent(v, path, len);
	return rc;
}

int tree_set_perms(struct view *v, unsigned int domid, const char *path, size_t len,
		   const struct perm *perms, unsigned int nperms)
{
	struct node *n, *updated;
	int rc = lookup(v, domid, path, len, PERM_WRITE | PERM_OWNER, &n);

	if (rc)
		return rc;
	if (domid != 0 && perms[0].domid != node_owner(n)) {
		node_free(n);
		return EPERM;
	}
	updated = node_with_perms(n, perms, nperms);
	node_free(n);
	return put_changed(v, path, len, updated);
}
