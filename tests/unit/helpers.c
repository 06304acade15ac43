/* SPDX-License-Identifier: MIT */
/* File helpers for the tests that run host tools (cc, tar) at run time. */
#include <stdio.h>
#include "unit.h"

uint8_t *unit_slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	ck_assert_int_gt(len, 0);
	rewind(f);
	buf = malloc((size_t)len);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

void unit_remove_tree(const char *dir)
{
	char cmd[256];

	/* Only ever a mkdtemp() name under /tmp, so no quoting is needed. */
	ck_assert(strncmp(dir, "/tmp/shale-", 11) == 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
