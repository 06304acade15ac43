/* SPDX-License-Identifier: MIT */
/* Path validation and arithmetic, with Xen's character set and limits. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <public/io/xs_wire.h>
#include "path.h"

#define DOMAIN_ROOT	"/local/domain/"
#define DOMAIN_ROOT_LEN	(sizeof(DOMAIN_ROOT) - 1)

/* Xen accepts letters, digits and "-/_@" in node names, nothing else. */
static bool valid_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '/' || c == '_' || c == '@';
}

/* The part of the path the SHALE_XS_PATH_MAX limit counts. */
static size_t counted_length(const char *p, size_t len)
{
	size_t i = DOMAIN_ROOT_LEN;

	if (len <= DOMAIN_ROOT_LEN || memcmp(p, DOMAIN_ROOT, DOMAIN_ROOT_LEN) != 0)
		return len;
	while (i < len && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i == DOMAIN_ROOT_LEN || i >= len || p[i] != '/')
		return len;
	return len - i - 1;
}

bool path_is_valid(const char *p, size_t len)
{
	size_t i;

	if (len == 0 || len > PATH_ABS_MAX || p[0] != '/')
		return false;
	if (len == 1)
		return true;
	if (p[len - 1] == '/')
		return false;
	for (i = 1; i < len; i++) {
		if (!valid_char(p[i]))
			return false;
		if (p[i] == '/' && p[i - 1] == '/')
			return false;
	}
	return counted_length(p, len) <= SHALE_XS_PATH_MAX;
}

bool path_is_special(const char *s)
{
	size_t i, len = strlen(s);

	if (len < 2 || s[0] != '@' || len > SHALE_XS_PATH_MAX)
		return false;
	for (i = 1; i < len; i++)
		if (!valid_char(s[i]) || s[i] == '/')
			return false;
	return true;
}

int path_resolve(unsigned int domid, const char *in, char *out, size_t *len)
{
	size_t inlen = strlen(in), n;

	if (inlen > PATH_ABS_MAX)
		return EINVAL;
	if (in[0] == '/') {
		memcpy(out, in, inlen + 1);
		n = inlen;
	} else {
		int w = snprintf(out, PATH_BUF_SIZE, DOMAIN_ROOT "%u/%s", domid, in);

		if (w < 0 || (size_t)w >= PATH_BUF_SIZE)
			return EINVAL;
		n = (size_t)w;
	}
	if (!path_is_valid(out, n))
		return EINVAL;
	*len = n;
	return 0;
}

size_t path_parent_len(const char *p, size_t len)
{
	while (len > 1 && p[len - 1] != '/')
		len--;
	/* "/a" has parent "/", which keeps its slash; "/a/b" drops it. */
	return len > 1 ? len - 1 : 1;
}

bool path_is_under(const char *p, size_t len, const char *anc, size_t alen)
{
	if (alen == 1)
		return len >= 1 && p[0] == '/';
	if (len < alen || memcmp(p, anc, alen) != 0)
		return false;
	return len == alen || p[alen] == '/';
}

size_t path_domain_home(unsigned int domid, char *buf, size_t size)
{
	int w = snprintf(buf, size, "/local/domain/%u", domid);

	return (w < 0 || (size_t)w >= size) ? 0 : (size_t)w;
}
