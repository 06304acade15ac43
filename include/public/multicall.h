/* SPDX-License-Identifier: MIT */
/*
 * multicall: several hypercalls for the price of one entry.
 *
 *   long multicall(struct shale_multicall_entry *calls, unsigned int count)
 *
 * Runs each entry's hypercall in order and stores its return value in the
 * entry's result; a failing entry does not stop the rest. Returns 0, or
 * -EFAULT when the array cannot be read or a result cannot be written,
 * -E2BIG when count exceeds SHALE_MULTICALL_MAX. Inside a multicall,
 * multicall and iret are refused (-EINVAL in result), and mmu_update /
 * mmuext_op batches and memory_op reservation changes are limited to
 * SHALE_MULTICALL_MAX_BATCH entries (-E2BIG in result): issue larger ones
 * directly.
 */
#ifndef SHALE_PUBLIC_MULTICALL_H
#define SHALE_PUBLIC_MULTICALL_H

#include "shale.h"

#define SHALE_MULTICALL_MAX		1024
#define SHALE_MULTICALL_MAX_BATCH	128

#ifndef __ASSEMBLER__
struct shale_multicall_entry {
	uint64_t op;		/* IN: hypercall number */
	int64_t result;		/* OUT: its return value */
	uint64_t args[6];	/* IN: its arguments */
};	/* 64 bytes */

_Static_assert(sizeof(struct shale_multicall_entry) == 64, "multicall_entry size");
#endif

#endif /* SHALE_PUBLIC_MULTICALL_H */
