/* SPDX-License-Identifier: MIT */
/*
 * Node permissions with Xen's meaning. A node carries a list of entries
 * (domain, rights); the first names the owner, and its rights are what
 * every domain not listed later gets. dom0 and the owner have every right.
 */
#ifndef SHALE_XENSTORE_PERMS_H
#define SHALE_XENSTORE_PERMS_H

#include <stddef.h>
#include <stdint.h>

#define PERM_READ	1u
#define PERM_WRITE	2u
#define PERM_OWNER	4u	/* never stored: granted to the owner and dom0 */

/* The largest domain id a permission entry may name (Xen's domid_t). */
#define PERM_DOMID_MAX	0xffffu

struct perm {
	uint32_t domid;
	uint32_t rights;	/* PERM_READ | PERM_WRITE */
};

/* The rights domid has on a node with these entries (nperms >= 1). */
unsigned int perms_for_domain(const struct perm *perms, unsigned int nperms, unsigned int domid);

/* Parses "r5"-style text; returns 0 or EINVAL. */
int perm_parse(const char *text, struct perm *out);

/*
 * Writes the text of p with its NUL into buf; returns the bytes written
 * (NUL included), or 0 if size is too small.
 */
size_t perm_format(const struct perm *p, char *buf, size_t size);

#endif /* SHALE_XENSTORE_PERMS_H */
