/* SPDX-License-Identifier: MIT */
/*
 * Hypercall handlers, one family per file (the file is named after the
 * family: console_io.c, sched.c, version.c, mm.c, memory.c, multicall.c,
 * event_channel.c, domctl.c, time.c, grant_table.c, arch/x86/pv_traps.c).
 * Each returns 0, a count, or a negative errno, which becomes the guest's
 * rax.
 */
#ifndef SHALE_HV_HYPERCALL_H
#define SHALE_HV_HYPERCALL_H

#include <arch/regs.h>
#include "types.h"

long do_console_io(unsigned int cmd, unsigned long count, uint64_t buf);
long do_sched_op(unsigned int cmd, uint64_t arg);
long do_version(unsigned int cmd, uint64_t arg);
long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t done, shale_domid_t foreign);
long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags);
long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t done, shale_domid_t foreign);
long do_memory_op(unsigned int cmd, uint64_t arg);
long do_multicall(uint64_t calls, unsigned int count);
long do_set_trap_table(uint64_t table);
long do_set_callbacks(uint64_t event_address, uint64_t failsafe_address);
long do_iret(void);
long do_event_channel_op(unsigned int cmd, uint64_t arg);
long do_domctl(uint64_t arg);
long do_set_timer_op(uint64_t deadline_ns);
long do_grant_table_op(unsigned int cmd, uint64_t ops, unsigned int count);

/*
 * The table entry.S dispatches through: rax selects the entry, which gets
 * the six argument registers as an array.
 */
typedef long (*hypercall_fn)(const uint64_t args[6]);
extern const hypercall_fn hypercall_table[SHALE_NR_HYPERCALLS];
/* Runs hypercall nr with args; -ENOSYS for an empty or out-of-range slot. */
long hypercall_dispatch(uint64_t nr, const uint64_t args[6]);

/*
 * Long operations do bounded work per entry: this rewrites the guest's
 * registers so that, when it resumes, it issues hypercall nr again with
 * args, remembers progress for that call, and returns the value the
 * handler must return (nr, so rax holds the number again). Only valid
 * when hypercall_can_continue().
 */
long hypercall_continue(uint64_t nr, const uint64_t args[6], uint64_t progress);
bool hypercall_can_continue(void);
/*
 * The progress a continuation left for exactly this call (nr and args), or
 * 0 for a call the guest made itself. Consumes the continuation.
 */
uint64_t hypercall_progress(uint64_t nr, const uint64_t args[6]);

#endif /* SHALE_HV_HYPERCALL_H */
