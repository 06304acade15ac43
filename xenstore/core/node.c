/* SPDX-License-Identifier: MIT */
/* Building nodes and converting them to and from LMDB records. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "node.h"

#define RECORD_MAGIC	0x314e5358u	/* "XSN1" */
#define RECORD_MAX_PERMS 65536u

struct record_header {
	uint32_t magic;
	uint32_t nperms;
	uint64_t generation;
	uint32_t value_len;
	uint32_t children_len;
	uint32_t path_len;
	uint32_t reserved;
};
_Static_assert(sizeof(struct record_header) == 32, "record header layout");

struct node *node_new(const struct perm *perms, unsigned int nperms, const void *value,
		      uint32_t value_len, const char *children, uint32_t children_len)
{
	size_t perm_bytes = (size_t)nperms * sizeof(struct perm);
	struct node *n = malloc(sizeof(*n) + perm_bytes + value_len + 1 + children_len);

	if (!n)
		return NULL;
	n->generation = 0;
	n->nperms = nperms;
	n->value_len = value_len;
	n->children_len = children_len;
	n->perms = (struct perm *)(n + 1);
	n->value = (uint8_t *)n->perms + perm_bytes;
	n->children = (char *)n->value + value_len + 1;
	memcpy(n->perms, perms, perm_bytes);
	if (value && value_len)
		memcpy(n->value, value, value_len);
	n->value[value_len] = '\0';
	if (children && children_len)
		memcpy(n->children, children, children_len);
	return n;
}

void node_free(struct node *n)
{
	free(n);
}

static struct node *node_copy_meta(struct node *copy, const struct node *n)
{
	if (copy)
		copy->generation = n->generation;
	return copy;
}

struct node *node_with_value(const struct node *n, const void *value, uint32_t len)
{
	return node_copy_meta(node_new(n->perms, n->nperms, value, len, n->children,
				       n->children_len), n);
}

struct node *node_with_perms(const struct node *n, const struct perm *perms, unsigned int nperms)
{
	return node_copy_meta(node_new(perms, nperms, n->value, n->value_len, n->children,
				       n->children_len), n);
}

struct node *node_with_child(const struct node *n, const char *name, size_t len)
{
	struct node *copy = node_new(n->perms, n->nperms, n->value, n->value_len, NULL,
				     n->children_len + (uint32_t)len + 1);

	if (!copy)
		return NULL;
	memcpy(copy->children, n->children, n->children_len);
	memcpy(copy->children + n->children_len, name, len);
	copy->children[n->children_len + len] = '\0';
	return node_copy_meta(copy, n);
}

/* Offset of name in n's child list, or -1. */
static long find_child(const struct node *n, const char *name, size_t len)
{
	uint32_t off = 0;

	while (off < n->children_len) {
		size_t clen = strlen(n->children + off);

		if (clen == len && memcmp(n->children + off, name, len) == 0)
			return (long)off;
		off += (uint32_t)clen + 1;
	}
	return -1;
}

struct node *node_without_child(const struct node *n, const char *name, size_t len)
{
	long off = find_child(n, name, len);
	struct node *copy;

	if (off < 0)
		return node_copy_meta(node_new(n->perms, n->nperms, n->value, n->value_len,
					       n->children, n->children_len), n);
	copy = node_new(n->perms, n->nperms, n->value, n->value_len, NULL,
			n->children_len - (uint32_t)len - 1);
	if (!copy)
		return NULL;
	memcpy(copy->children, n->children, (size_t)off);
	memcpy(copy->children + off, n->children + off + len + 1,
	       n->children_len - (size_t)off - len - 1);
	return node_copy_meta(copy, n);
}

size_t node_record_size(const struct node *n, size_t path_len)
{
	return sizeof(struct record_header) + (size_t)n->nperms * 8 + n->value_len +
	       n->children_len + path_len;
}

void node_record_write(const struct node *n, const char *path, size_t path_len, void *buf)
{
	struct record_header h = {
		.magic = RECORD_MAGIC,
		.nperms = n->nperms,
		.generation = n->generation,
		.value_len = n->value_len,
		.children_len = n->children_len,
		.path_len = (uint32_t)path_len,
	};
	uint8_t *p = buf;
	unsigned int i;

	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	for (i = 0; i < n->nperms; i++) {
		memcpy(p, &n->perms[i].domid, 4);
		memcpy(p + 4, &n->perms[i].rights, 4);
		p += 8;
	}
	memcpy(p, n->value, n->value_len);
	p += n->value_len;
	memcpy(p, n->children, n->children_len);
	p += n->children_len;
	memcpy(p, path, path_len);
}

/* Reads and checks the header: every length inside the record, no overflow. */
static int read_header(const void *buf, size_t size, struct record_header *h)
{
	uint64_t total;

	if (size < sizeof(*h))
		return EIO;
	memcpy(h, buf, sizeof(*h));
	if (h->magic != RECORD_MAGIC || h->nperms == 0 || h->nperms > RECORD_MAX_PERMS)
		return EIO;
	total = sizeof(*h) + (uint64_t)h->nperms * 8 + h->value_len + h->children_len +
		h->path_len;
	return total == size ? 0 : EIO;
}

int node_record_peek(const void *buf, size_t size, uint64_t *generation, unsigned int *owner,
		     const char **path, size_t *path_len)
{
	struct record_header h;
	const uint8_t *p = buf;
	uint32_t domid;

	if (read_header(buf, size, &h))
		return EIO;
	memcpy(&domid, p + sizeof(h), 4);
	if (generation)
		*generation = h.generation;
	if (owner)
		*owner = domid;
	if (path) {
		*path_len = h.path_len;
		*path = (const char *)p + size - h.path_len;
	}
	return 0;
}

int node_record_read(const void *buf, size_t size, struct node **out)
{
	struct record_header h;
	const uint8_t *p = buf;
	struct node *n;
	unsigned int i;

	if (read_header(buf, size, &h))
		return EIO;
	p += sizeof(h);
	n = malloc(sizeof(*n) + (size_t)h.nperms * sizeof(struct perm) + h.value_len + 1 +
		   h.children_len);
	if (!n)
		return ENOMEM;
	n->perms = (struct perm *)(n + 1);
	for (i = 0; i < h.nperms; i++) {
		memcpy(&n->perms[i].domid, p, 4);
		memcpy(&n->perms[i].rights, p + 4, 4);
		n->perms[i].rights &= PERM_READ | PERM_WRITE;
		p += 8;
	}
	n->generation = h.generation;
	n->nperms = h.nperms;
	n->value_len = h.value_len;
	n->children_len = h.children_len;
	n->value = (uint8_t *)(n->perms + h.nperms);
	n->children = (char *)n->value + h.value_len + 1;
	memcpy(n->value, p, h.value_len);
	n->value[h.value_len] = '\0';
	memcpy(n->children, p + h.value_len, h.children_len);
	if (h.children_len && n->children[h.children_len - 1] != '\0') {
		node_free(n);
		return EIO;
	}
	*out = n;
	return 0;
}
