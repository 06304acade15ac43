/* SPDX-License-Identifier: MIT */
/*
 * A reader for ustar archives held in memory (dom0's initrd).
 *
 * Every header is checked (checksum, octal fields, sizes inside the
 * archive) before anything in it is trusted; a corrupt archive gives an
 * error, never an out-of-bounds read.
 */
#ifndef SHALE_DOM0_USTAR_H
#define SHALE_DOM0_USTAR_H

#include <stddef.h>
#include <stdint.h>

#define USTAR_NAME_MAX	257	/* prefix (155) "/" name (100), plus the NUL */

#define USTAR_TYPE_FILE	'0'
#define USTAR_TYPE_DIR	'5'

struct ustar_file {
	char name[USTAR_NAME_MAX];	/* path as stored, "./" and trailing "/" removed */
	const void *data;		/* contents, inside the archive */
	uint64_t size;			/* bytes */
	char type;			/* USTAR_TYPE_* (NUL in old archives means file) */
	uint32_t mode;			/* permission bits */
};

/*
 * Finds path (a leading "/" or "./" is ignored). Returns 0 and fills out,
 * -SHALE_ENOENT when absent, -SHALE_EINVAL when the archive is corrupt.
 */
int ustar_find(const void *archive, size_t size, const char *path, struct ustar_file *out);

/*
 * Calls fn for each entry in archive order. Stops and returns fn's value
 * when it is non-zero; returns 0 at the end, -SHALE_EINVAL on corruption.
 */
int ustar_foreach(const void *archive, size_t size,
		  int (*fn)(const struct ustar_file *file, void *ctx), void *ctx);

#endif /* SHALE_DOM0_USTAR_H */
