/* SPDX-License-Identifier: MIT */
/*
 * The hypercall table. rax selects the entry; arguments come from rdi, rsi,
 * rdx, r10, r8, r9. Each entry adapts the saved registers to its handler's
 * typed arguments, so handlers read like ordinary C functions.
 */
#include "hypercall.h"

typedef long (*hypercall_fn)(const struct cpu_user_regs *r);

static long hc_console_io(const struct cpu_user_regs *r)
{
	return do_console_io((unsigned int)r->rdi, r->rsi, r->rdx);
}

static long hc_sched_op(const struct cpu_user_regs *r)
{
	return do_sched_op((unsigned int)r->rdi, r->rsi);
}

static long hc_version(const struct cpu_user_regs *r)
{
	return do_version((unsigned int)r->rdi, r->rsi);
}

static const hypercall_fn hypercall_table[SHALE_NR_HYPERCALLS] = {
	[SHALE_HYPERCALL_console_io] = hc_console_io,
	[SHALE_HYPERCALL_sched_op] = hc_sched_op,
	[SHALE_HYPERCALL_version] = hc_version,
};

_Static_assert(sizeof(hypercall_table) / sizeof(hypercall_table[0]) == SHALE_NR_HYPERCALLS,
	       "one table slot per hypercall number");

void do_hypercall(struct cpu_user_regs *regs)
{
	uint64_t nr = regs->rax;

	if (nr >= SHALE_NR_HYPERCALLS || !hypercall_table[nr]) {
		regs->rax = -ENOSYS;
		return;
	}
	regs->rax = hypercall_table[nr](regs);
}
