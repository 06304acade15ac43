/* SPDX-License-Identifier: MIT */
/*
 * multicall: runs a list of hypercalls through the same table, storing
 * each result. Runs MULTICALL_STEP entries per hypercall entry, then
 * continues; entries themselves cannot continue (see hypercall_continue).
 */
#include <public/multicall.h>
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"

#define MULTICALL_STEP	64

static long run_entry(const struct shale_multicall_entry *e)
{
	if (e->op == SHALE_HYPERCALL_multicall || e->op == SHALE_HYPERCALL_iret)
		return -EINVAL;
	return hypercall_dispatch(e->op, e->args);
}

long do_multicall(uint64_t calls, unsigned int count)
{
	struct percpu *pc = this_cpu();

	if (count > SHALE_MULTICALL_MAX)
		return -E2BIG;
	for (unsigned int i = 0; i < count; i++) {
		uint64_t addr = calls + i * sizeof(struct shale_multicall_entry);
		struct shale_multicall_entry e;

		if (i == MULTICALL_STEP) {
			const uint64_t next[6] = { addr, count - i };

			return hypercall_continue(SHALE_HYPERCALL_multicall, next, 0);
		}
		if (copy_from_guest(&e, addr, sizeof(e)))
			return -EFAULT;
		pc->in_multicall = true;
		e.result = run_entry(&e);
		pc->in_multicall = false;
		if (copy_to_guest(addr + __builtin_offsetof(struct shale_multicall_entry, result),
				  &e.result, sizeof(e.result)))
			return -EFAULT;
	}
	return 0;
}
