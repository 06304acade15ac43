/* SPDX-License-Identifier: MIT */
/* Error values to the names the wire carries. */
#include <stddef.h>
#include "errors.h"

struct error_name {
	int err;
	const char *name;
};

/* Xen's xsd_errors list, then the quota error this store adds. */
static const struct error_name error_names[] = {
	{ EINVAL, "EINVAL" },
	{ EACCES, "EACCES" },
	{ EEXIST, "EEXIST" },
	{ EISDIR, "EISDIR" },
	{ ENOENT, "ENOENT" },
	{ ENOMEM, "ENOMEM" },
	{ ENOSPC, "ENOSPC" },
	{ EIO, "EIO" },
	{ ENOTEMPTY, "ENOTEMPTY" },
	{ ENOSYS, "ENOSYS" },
	{ EROFS, "EROFS" },
	{ EBUSY, "EBUSY" },
	{ EAGAIN, "EAGAIN" },
	{ EISCONN, "EISCONN" },
	{ E2BIG, "E2BIG" },
	{ EPERM, "EPERM" },
	{ STORE_EQUOTA, "EQUOTA" },
};

const char *store_error_name(int err)
{
	size_t i;

	for (i = 0; i < sizeof(error_names) / sizeof(error_names[0]); i++)
		if (error_names[i].err == err)
			return error_names[i].name;
	return "EIO";
}
