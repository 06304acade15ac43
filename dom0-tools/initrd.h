/* SPDX-License-Identifier: MIT */
/*
 * dom0's initrd: the ustar archive the hypervisor loads as module 2 and
 * maps at start_info.mod_start. Files are read in place, never copied.
 */
#ifndef SHALE_DOM0_INITRD_H
#define SHALE_DOM0_INITRD_H

#include <stdbool.h>
#include <stddef.h>
#include <public/start_info.h>
#include <ustar.h>

/* Records where the initrd is. Returns 0, or -SHALE_ENOENT if the domain has none. */
int initrd_init(const struct shale_start_info *si);

/* True when initrd_init() found an initrd. */
bool initrd_present(void);

/* Size of the initrd in bytes (0 without one). */
size_t initrd_size(void);

/*
 * Looks up path (leading "/" optional). Returns 0 and fills out,
 * -SHALE_ENOENT if absent or there is no initrd, -SHALE_EINVAL if the
 * archive is corrupt.
 */
int initrd_find(const char *path, struct ustar_file *out);

/* ustar_foreach() over the initrd; -SHALE_ENOENT when there is none. */
int initrd_foreach(int (*fn)(const struct ustar_file *file, void *ctx), void *ctx);

#endif /* SHALE_DOM0_INITRD_H */
