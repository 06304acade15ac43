/* SPDX-License-Identifier: MIT */
/* Permission checks and the text form of permission entries. */
#include <stdio.h>
#include <errno.h>
#include <public/io/xs_wire.h>
#include "perms.h"

unsigned int perms_for_domain(const struct perm *perms, unsigned int nperms, unsigned int domid)
{
	unsigned int i;

	if (domid == 0 || perms[0].domid == domid)
		return PERM_READ | PERM_WRITE | PERM_OWNER;
	for (i = 1; i < nperms; i++)
		if (perms[i].domid == domid)
			return perms[i].rights;
	return perms[0].rights;
}

int perm_parse(const char *text, struct perm *out)
{
	unsigned long domid = 0;
	const char *p = text + 1;

	switch (text[0]) {
	case SHALE_XS_PERM_NONE:
		out->rights = 0;
		break;
	case SHALE_XS_PERM_READ:
		out->rights = PERM_READ;
		break;
	case SHALE_XS_PERM_WRITE:
		out->rights = PERM_WRITE;
		break;
	case SHALE_XS_PERM_BOTH:
		out->rights = PERM_READ | PERM_WRITE;
		break;
	default:
		return EINVAL;
	}
	if (*p == '\0')
		return EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return EINVAL;
		domid = domid * 10 + (unsigned long)(*p - '0');
		if (domid > PERM_DOMID_MAX)
			return EINVAL;
	}
	out->domid = (uint32_t)domid;
	return 0;
}

size_t perm_format(const struct perm *p, char *buf, size_t size)
{
	static const char letters[] = { SHALE_XS_PERM_NONE, SHALE_XS_PERM_READ,
					 SHALE_XS_PERM_WRITE, SHALE_XS_PERM_BOTH };
	int w = snprintf(buf, size, "%c%u", letters[p->rights & 3], (unsigned int)p->domid);

	return (w < 0 || (size_t)w >= size) ? 0 : (size_t)w + 1;
}
