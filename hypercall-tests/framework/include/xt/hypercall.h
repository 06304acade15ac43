/* SPDX-License-Identifier: MIT */
/*
 * Hypercall wrappers of the test framework, one per hypercall of
 * include/public, plus hc_raw() to send any number with any arguments.
 *
 * Deliberately independent of guest-kernel/include/hypercall.h: a bug
 * there must not hide a hypervisor bug here. Convention (shale.h):
 * `syscall` with rax = number, arguments in rdi, rsi, rdx, r10, r8, r9,
 * result in rax; rcx and r11 are clobbered by the instruction. Every other
 * register must survive, which the "memory" clobber and the register
 * bindings below rely on (abi_regs_preserved checks it).
 *
 * vcpu_op has a number in shale.h but no documented arguments yet: tests
 * reach it through hc_raw() until its header exists.
 */
#ifndef SHALE_XT_HYPERCALL_H
#define SHALE_XT_HYPERCALL_H

#include <stdint.h>
#include <public/shale.h>
#include <public/errno.h>
#include <public/console_io.h>
#include <public/domctl.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/mm.h>
#include <public/multicall.h>
#include <public/sched.h>
#include <public/traps.h>
#include <public/version.h>

/* Any hypercall number with six arbitrary argument values. */
static inline long hc_raw(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			  uint64_t a5, uint64_t a6)
{
	register uint64_t r10 asm("r10") = a4;
	register uint64_t r8 asm("r8") = a5;
	register uint64_t r9 asm("r9") = a6;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8), "+r"(r9)
		     : "a"(nr)
		     : "rcx", "r11", "memory");
	return ret;
}

#define HC(nr, a1, a2, a3, a4) \
	hc_raw((nr), (uint64_t)(a1), (uint64_t)(a2), (uint64_t)(a3), (uint64_t)(a4), 0, 0)

/* traps.h */
static inline long hc_set_trap_table(const struct shale_trap_info *table)
{
	return HC(SHALE_HYPERCALL_set_trap_table, table, 0, 0, 0);
}

static inline long hc_set_callbacks(uint64_t event_address, uint64_t failsafe_address)
{
	return HC(SHALE_HYPERCALL_set_callbacks, event_address, failsafe_address, 0, 0);
}

/*
 * iret with rsp pointing at ctx (entry.S). Returns only when the
 * hypervisor refuses the context; a good context resumes at ctx->rip.
 */
long hc_iret_at(const void *ctx);

/* mm.h */
static inline long hc_mmu_update(const struct shale_mmu_update *reqs, unsigned int count,
				 unsigned int *done, shale_domid_t foreign_dom)
{
	return HC(SHALE_HYPERCALL_mmu_update, reqs, count, done, foreign_dom);
}

static inline long hc_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
	return HC(SHALE_HYPERCALL_update_va_mapping, va, val, flags, 0);
}

static inline long hc_mmuext_op(const struct shale_mmuext_op *ops, unsigned int count,
				unsigned int *done, shale_domid_t foreign_dom)
{
	return HC(SHALE_HYPERCALL_mmuext_op, ops, count, done, foreign_dom);
}

/* memory.h */
static inline long hc_memory_op(unsigned int cmd, void *arg)
{
	return HC(SHALE_HYPERCALL_memory_op, cmd, arg, 0, 0);
}

/* multicall.h */
static inline long hc_multicall(struct shale_multicall_entry *calls, unsigned int count)
{
	return HC(SHALE_HYPERCALL_multicall, calls, count, 0, 0);
}

/* console_io.h */
static inline long hc_console_io(unsigned int cmd, unsigned long count, const void *buf)
{
	return HC(SHALE_HYPERCALL_console_io, cmd, count, buf, 0);
}

/* sched.h; a successful shutdown does not return. */
static inline long hc_sched_op(unsigned int cmd, void *arg)
{
	return HC(SHALE_HYPERCALL_sched_op, cmd, arg, 0, 0);
}

/*
 * sched.h, SHALE_SCHEDOP_poll: blocks until one of ports[0..nr_ports) is
 * pending or system time reaches timeout_ns (absolute; 0 = none).
 */
static inline long hc_sched_poll(const shale_evtchn_port_t *ports, unsigned int nr_ports,
				 uint64_t timeout_ns)
{
	struct shale_sched_poll p = {
		.ports = (uint64_t)ports, .nr_ports = nr_ports, .timeout_ns = timeout_ns,
	};

	return hc_sched_op(SHALE_SCHEDOP_poll, &p);
}

/* sched.h: arms this vCPU's one-shot timer (absolute system time in ns; 0 cancels). */
static inline long hc_set_timer_op(uint64_t deadline_ns)
{
	return HC(SHALE_HYPERCALL_set_timer_op, deadline_ns, 0, 0, 0);
}

/* event_channel.h; arg is the struct named after cmd. */
static inline long hc_event_channel_op(unsigned int cmd, void *arg)
{
	return HC(SHALE_HYPERCALL_event_channel_op, cmd, arg, 0, 0);
}

/* domctl.h; the caller fills cmd, interface_version and the IN fields. */
static inline long hc_domctl(struct shale_domctl *op)
{
	return HC(SHALE_HYPERCALL_domctl, op, 0, 0, 0);
}

/* grant_table.h; ops is an array of count structures of cmd's type. */
static inline long hc_grant_table_op(unsigned int cmd, void *ops, unsigned int count)
{
	return HC(SHALE_HYPERCALL_grant_table_op, cmd, ops, count, 0);
}

/* version.h */
static inline long hc_version(unsigned int cmd, void *arg)
{
	return HC(SHALE_HYPERCALL_version, cmd, arg, 0, 0);
}

#define XT_ABI_VERSION	((SHALE_ABI_MAJOR << 16) | SHALE_ABI_MINOR)

#endif /* SHALE_XT_HYPERCALL_H */
