/* SPDX-License-Identifier: MIT */
/* Names of the hypercall error numbers, so messages say ENOMEM rather than -12. */
#include <stddef.h>
#include <compiler.h>
#include <public/errno.h>
#include "errname.h"

static const struct {
	long nr;
	const char *name;
} names[] = {
	{ SHALE_EPERM, "EPERM" },	{ SHALE_ENOENT, "ENOENT" },
	{ SHALE_ESRCH, "ESRCH" },	{ SHALE_EINTR, "EINTR" },
	{ SHALE_EIO, "EIO" },		{ SHALE_E2BIG, "E2BIG" },
	{ SHALE_ENOEXEC, "ENOEXEC" },	{ SHALE_EBADF, "EBADF" },
	{ SHALE_EAGAIN, "EAGAIN" },	{ SHALE_ENOMEM, "ENOMEM" },
	{ SHALE_EACCES, "EACCES" },	{ SHALE_EFAULT, "EFAULT" },
	{ SHALE_EBUSY, "EBUSY" },	{ SHALE_EEXIST, "EEXIST" },
	{ SHALE_EXDEV, "EXDEV" },	{ SHALE_ENODEV, "ENODEV" },
	{ SHALE_EINVAL, "EINVAL" },	{ SHALE_ENOSPC, "ENOSPC" },
	{ SHALE_ERANGE, "ERANGE" },	{ SHALE_ENOSYS, "ENOSYS" },
	{ SHALE_ENODATA, "ENODATA" },	{ SHALE_EOVERFLOW, "EOVERFLOW" },
	{ SHALE_EOPNOTSUPP, "EOPNOTSUPP" }, { SHALE_ETIMEDOUT, "ETIMEDOUT" },
	{ SHALE_EALREADY, "EALREADY" },	{ SHALE_EISDIR, "EISDIR" },
	{ SHALE_EROFS, "EROFS" },	{ SHALE_ENOTEMPTY, "ENOTEMPTY" },
	{ SHALE_EISCONN, "EISCONN" },	{ SHALE_EDQUOT, "EQUOTA" },
};

const char *ts_errname(long err)
{
	if (err < 0)
		err = -err;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].nr == err)
			return names[i].name;
	return "E?";
}
