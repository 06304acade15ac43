/* SPDX-License-Identifier: MIT */
/*
 * version: which ABI the hypervisor speaks and what it offers.
 *
 *   long version(unsigned int cmd, void *arg)
 *
 * Sub-ops:
 *   SHALE_VERSION_version (0): returns (SHALE_ABI_MAJOR << 16) |
 *     SHALE_ABI_MINOR. arg ignored. This is the null hypercall the
 *     benchmarks time.
 *   SHALE_VERSION_extraversion (1): arg points to struct
 *     shale_version_extra; the hypervisor writes its build string (for
 *     example "-dev"), NUL-terminated. Returns 0. -EFAULT if not writable.
 *   SHALE_VERSION_get_features (6): arg points to struct
 *     shale_version_features; IN submap_idx selects a 32-bit word, OUT
 *     submap holds its SHALE_FEAT_* bits (0 for words not yet defined).
 *     Returns 0. -EFAULT if arg is not readable and writable.
 *   SHALE_VERSION_commandline (9, Xen's XENVER_commandline): arg points
 *     to struct shale_version_commandline; the hypervisor writes the
 *     command line it was booted with, NUL-terminated (the boot loader's
 *     file name left out). Returns 0. -EPERM for a domain other than
 *     dom0 (a command line may say more than a guest should know),
 *     -EFAULT if not writable.
 *   Any other cmd: -ENOSYS.
 */
#ifndef SHALE_PUBLIC_VERSION_H
#define SHALE_PUBLIC_VERSION_H

#include "shale.h"

#define SHALE_VERSION_version		0
#define SHALE_VERSION_extraversion	1
#define SHALE_VERSION_get_features	6
#define SHALE_VERSION_commandline	9

/* Feature bits of submap 0. */
#define SHALE_FEAT_console_read	(1u << 0)	/* CONSOLEIO_read for dom0 */
#define SHALE_FEAT_sched_block	(1u << 1)	/* SCHEDOP_block */

#ifndef __ASSEMBLER__
struct shale_version_extra {
	char extra[16];		/* OUT: NUL-terminated */
};	/* 16 bytes */

struct shale_version_features {
	uint32_t submap_idx;	/* IN: which 32-bit word */
	uint32_t submap;	/* OUT: its feature bits */
};	/* 8 bytes */

struct shale_version_commandline {
	char line[1024];	/* OUT: NUL-terminated */
};	/* 1024 bytes, as Xen's xen_commandline_t */

_Static_assert(sizeof(struct shale_version_extra) == 16, "version_extra size");
_Static_assert(sizeof(struct shale_version_commandline) == 1024, "version_commandline size");
_Static_assert(sizeof(struct shale_version_features) == 8, "version_features size");
#endif

#endif /* SHALE_PUBLIC_VERSION_H */
