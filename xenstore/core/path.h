/* SPDX-License-Identifier: MIT */
/*
 * Node paths: validation, resolving relative paths, and the pieces of a
 * path (parent, last component, ancestry). Paths travel as a pointer and a
 * length so that every ancestor of a path is a prefix of the same string.
 */
#ifndef SHALE_XENSTORE_PATH_H
#define SHALE_XENSTORE_PATH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Limits, as Xen has them: at most SHALE_XS_PATH_MAX (2048) characters,
 * counted after "/local/domain/N/" for paths under a domain's home, and
 * never more than PATH_ABS_MAX in all.
 */
#define PATH_ABS_MAX	3072
#define PATH_BUF_SIZE	(PATH_ABS_MAX + 1)

/*
 * Turns a request's path into an absolute one in out (PATH_BUF_SIZE
 * bytes): a relative path is taken under /local/domain/<domid>/.
 * Returns 0 and sets *len, or EINVAL for a path that is not valid.
 */
int path_resolve(unsigned int domid, const char *in, char *out, size_t *len);

/* Whether p[0..len) is a valid absolute path (see the limits above). */
bool path_is_valid(const char *p, size_t len);

/* Whether s is a valid special watch name such as "@releaseDomain". */
bool path_is_special(const char *s);

/* Length of the parent of p[0..len) (len > 1): "/a/b" -> 2, "/a" -> 1. */
size_t path_parent_len(const char *p, size_t len);

/* Whether p[0..len) is anc[0..alen) or lies below it. */
bool path_is_under(const char *p, size_t len, const char *anc, size_t alen);

/*
 * Writes "/local/domain/<domid>" into buf; returns its length, or 0 if it
 * does not fit.
 */
size_t path_domain_home(unsigned int domid, char *buf, size_t size);

#endif /* SHALE_XENSTORE_PATH_H */
