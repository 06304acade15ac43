/* SPDX-License-Identifier: MIT */
/*
 * A node as the store keeps it: the generation of the commit that last
 * changed it, its permissions, its value and the names of its children
 * (each NUL-terminated, in creation order: the DIRECTORY reply as it is).
 * Nodes are immutable once built; a change builds a new node. Each node is
 * one allocation.
 *
 * The record format in LMDB (native byte order, this store is x86_64 only):
 * a 32-byte header {magic, nperms, generation, value_len, children_len,
 * path_len, 0}, nperms {domid, rights} pairs of u32, the value, the
 * children, and the full path when the key could not hold it (db.c).
 */
#ifndef SHALE_XENSTORE_NODE_H
#define SHALE_XENSTORE_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "perms.h"

struct node {
	uint64_t generation;
	unsigned int nperms;
	uint32_t value_len;
	uint32_t children_len;
	struct perm *perms;
	uint8_t *value;		/* value_len bytes, then a NUL for convenience */
	char *children;
};

/*
 * A new node; value or children may be NULL, leaving that many bytes to
 * fill. Returns NULL when out of memory.
 */
struct node *node_new(const struct perm *perms, unsigned int nperms, const void *value,
		      uint32_t value_len, const char *children, uint32_t children_len);
void node_free(struct node *n);

/* Copies of n with one thing changed; NULL when out of memory. */
struct node *node_with_value(const struct node *n, const void *value, uint32_t len);
struct node *node_with_perms(const struct node *n, const struct perm *perms, unsigned int nperms);
struct node *node_with_child(const struct node *n, const char *name, size_t len);
struct node *node_without_child(const struct node *n, const char *name, size_t len);

static inline unsigned int node_owner(const struct node *n)
{
	return n->perms[0].domid;
}

/* The record: its size, and writing it into buf of that size. */
size_t node_record_size(const struct node *n, size_t path_len);
void node_record_write(const struct node *n, const char *path, size_t path_len, void *buf);

/*
 * Reads a record back. Returns 0 and a new node, EIO for a record that is
 * not well formed, ENOMEM.
 */
int node_record_read(const void *buf, size_t size, struct node **out);

/* The header fields without building a node: 0 or EIO. */
int node_record_peek(const void *buf, size_t size, uint64_t *generation, unsigned int *owner,
		     const char **path, size_t *path_len);

#endif /* SHALE_XENSTORE_NODE_H */
