/* SPDX-License-Identifier: MIT */
/*
 * The hypercall table. rax selects the entry; arguments come from rdi, rsi,
 * rdx, r10, r8, r9. Each entry adapts the argument words to its handler's
 * typed parameters, so handlers read like ordinary C functions; multicall
 * goes through the same table.
 */
#include <public/multicall.h>
#include "domain.h"
#include <string.h>
#include "hypercall.h"

static long hc_console_io(const uint64_t a[6])
{
	return do_console_io((unsigned int)a[0], a[1], a[2]);
}

static long hc_sched_op(const uint64_t a[6])
{
	return do_sched_op((unsigned int)a[0], a[1]);
}

static long hc_version(const uint64_t a[6])
{
	return do_version((unsigned int)a[0], a[1]);
}

static long hc_mmu_update(const uint64_t a[6])
{
	return do_mmu_update(a[0], a[1], a[2], (shale_domid_t)a[3]);
}

static long hc_update_va_mapping(const uint64_t a[6])
{
	return do_update_va_mapping(a[0], a[1], a[2]);
}

static long hc_mmuext_op(const uint64_t a[6])
{
	return do_mmuext_op(a[0], a[1], a[2], (shale_domid_t)a[3]);
}

static long hc_memory_op(const uint64_t a[6])
{
	return do_memory_op((unsigned int)a[0], a[1]);
}

static long hc_multicall(const uint64_t a[6])
{
	return do_multicall(a[0], (unsigned int)a[1]);
}

static long hc_set_trap_table(const uint64_t a[6])
{
	return do_set_trap_table(a[0]);
}

static long hc_set_callbacks(const uint64_t a[6])
{
	return do_set_callbacks(a[0], a[1]);
}

static long hc_iret(const uint64_t a[6])
{
	return do_iret();
}

static long hc_event_channel_op(const uint64_t a[6])
{
	return do_event_channel_op((unsigned int)a[0], a[1]);
}

static long hc_domctl(const uint64_t a[6])
{
	return do_domctl(a[0]);
}

static long hc_grant_table_op(const uint64_t a[6])
{
	return do_grant_table_op((unsigned int)a[0], a[1], (unsigned int)a[2]);
}

static long hc_set_timer_op(const uint64_t a[6])
{
	return do_set_timer_op(a[0]);
}

/* entry.S indexes this table directly for hypercalls; multicall uses hypercall_dispatch(). */
const hypercall_fn hypercall_table[SHALE_NR_HYPERCALLS] = {
	[SHALE_HYPERCALL_set_trap_table] = hc_set_trap_table,
	[SHALE_HYPERCALL_mmu_update] = hc_mmu_update,
	[SHALE_HYPERCALL_set_callbacks] = hc_set_callbacks,
	[SHALE_HYPERCALL_memory_op] = hc_memory_op,
	[SHALE_HYPERCALL_multicall] = hc_multicall,
	[SHALE_HYPERCALL_update_va_mapping] = hc_update_va_mapping,
	[SHALE_HYPERCALL_set_timer_op] = hc_set_timer_op,
	[SHALE_HYPERCALL_version] = hc_version,
	[SHALE_HYPERCALL_console_io] = hc_console_io,
	[SHALE_HYPERCALL_grant_table_op] = hc_grant_table_op,
	[SHALE_HYPERCALL_iret] = hc_iret,
	[SHALE_HYPERCALL_mmuext_op] = hc_mmuext_op,
	[SHALE_HYPERCALL_sched_op] = hc_sched_op,
	[SHALE_HYPERCALL_event_channel_op] = hc_event_channel_op,
	[SHALE_HYPERCALL_domctl] = hc_domctl,
};

_Static_assert(sizeof(hypercall_table) / sizeof(hypercall_table[0]) == SHALE_NR_HYPERCALLS,
	       "one table slot per hypercall number");

long hypercall_dispatch(uint64_t nr, const uint64_t args[6])
{
	if (nr >= SHALE_NR_HYPERCALLS || !hypercall_table[nr])
		return -ENOSYS;
	return hypercall_table[nr](args);
}

_Static_assert(__builtin_offsetof(struct cpu_user_regs, r9) ==
	       __builtin_offsetof(struct cpu_user_regs, args[5]),
	       "the argument registers are adjacent and in ABI order");

bool hypercall_can_continue(void)
{
	return !this_cpu()->in_multicall;
}

uint64_t hypercall_progress(uint64_t nr, const uint64_t args[6])
{
	struct continuation *c = &current_vcpu()->cont;

	if (!c->valid || c->nr != nr || memcmp(c->args, args, sizeof(c->args)) ||
	    !hypercall_can_continue())
		return 0;
	c->valid = false;
	return c->progress;
}

long hypercall_continue(uint64_t nr, const uint64_t args[6], uint64_t progress)
{
	struct cpu_user_regs *r = guest_regs();
	struct continuation *c = &current_vcpu()->cont;

	c->valid = true;
	c->nr = nr;
	memcpy(c->args, args, sizeof(c->args));
	c->progress = progress;

	r->rip -= 2;	/* back onto the 2-byte syscall instruction */
	r->rdi = args[0];
	r->rsi = args[1];
	r->rdx = args[2];
	r->r10 = args[3];
	r->r8 = args[4];
	r->r9 = args[5];
	return (long)nr;
}
