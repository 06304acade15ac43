/* SPDX-License-Identifier: MIT */
/*
 * Permission entries as text: the wire form, which xenstore-chmod and
 * xenstore-ls -p use too. A letter for the access, then a decimal domid.
 */
#include "xs.h"

#include <stdio.h>
#include <stdlib.h>

#include <public/io/xs_wire.h>

/* Domain ids are 16 bits in Xen; larger numbers are refused, not truncated. */
#define XS_DOMID_MAX 0xffffu

static const char xs_perm_letters[] = {
	[XS_PERM_NONE] = SHALE_XS_PERM_NONE,
	[XS_PERM_READ] = SHALE_XS_PERM_READ,
	[XS_PERM_WRITE] = SHALE_XS_PERM_WRITE,
	[XS_PERM_BOTH] = SHALE_XS_PERM_BOTH,
};

bool xs_perm_from_string(const char *s, struct xs_permissions *perm)
{
	unsigned int type;
	unsigned long domid;
	char *end;

	for (type = 0; type < sizeof(xs_perm_letters); type++)
		if (s[0] == xs_perm_letters[type])
			break;
	if (type == sizeof(xs_perm_letters))
		return false;
	/* strtoul would accept spaces and a sign: only digits are a domid. */
	if (s[1] < '0' || s[1] > '9')
		return false;
	domid = strtoul(s + 1, &end, 10);
	if (*end != '\0' || domid > XS_DOMID_MAX)
		return false;
	perm->id = (unsigned int)domid;
	perm->perms = type;
	return true;
}

bool xs_perm_to_string(const struct xs_permissions *perm, char *buf, size_t len)
{
	int n;

	if (perm->perms >= sizeof(xs_perm_letters) || perm->id > XS_DOMID_MAX)
		return false;
	n = snprintf(buf, len, "%c%u", xs_perm_letters[perm->perms], perm->id);
	return n > 0 && (size_t)n < len;
}
