/* SPDX-License-Identifier: MIT */
/* Where dom0's initrd is, and lookups in it. */
#include <public/errno.h>
#include "initrd.h"

static const void *initrd_base;
static size_t initrd_len;

int initrd_init(const struct shale_start_info *si)
{
	if (!si->mod_start || !si->mod_len)
		return -SHALE_ENOENT;
	initrd_base = (const void *)si->mod_start;
	initrd_len = si->mod_len;
	return 0;
}

bool initrd_present(void)
{
	return initrd_base != NULL;
}

size_t initrd_size(void)
{
	return initrd_len;
}

int initrd_find(const char *path, struct ustar_file *out)
{
	if (!initrd_base)
		return -SHALE_ENOENT;
	return ustar_find(initrd_base, initrd_len, path, out);
}

int initrd_foreach(int (*fn)(const struct ustar_file *file, void *ctx), void *ctx)
{
	if (!initrd_base)
		return -SHALE_ENOENT;
	return ustar_foreach(initrd_base, initrd_len, fn, ctx);
}
