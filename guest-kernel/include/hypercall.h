/* SPDX-License-Identifier: MIT */
/*
 * Hypercall wrappers: the only way a guest kernel asks the hypervisor for
 * anything (it runs in ring 3, so privileged instructions fault).
 *
 * The calling convention is the one in include/public/shale.h: `syscall`
 * with rax = hypercall number and the arguments in rdi, rsi, rdx, r10, r8,
 * r9; the result comes back in rax (>= 0 on success, -SHALE_E* on error).
 * The instruction itself clobbers rcx (return rip) and r11 (rflags); the
 * ABI preserves the other registers except that a continued call (a long
 * batch the hypervisor splits) returns with its argument registers
 * rewritten, so the wrappers declare those changed too. The "memory" clobber is needed because the hypervisor reads and writes
 * the buffers whose addresses we pass.
 */
#ifndef SHALE_GUEST_HYPERCALL_H
#define SHALE_GUEST_HYPERCALL_H

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

/*
 * A continued hypercall (docs/ABI.md) comes back with its argument
 * registers rewritten, so every wrapper treats all six as changed: the used
 * ones as in/out operands, the rest as clobbers. Only rax, rcx and r11 are
 * touched otherwise.
 */
static inline long _hypercall0(unsigned long nr)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr)
		     : "rcx", "r11", "rdi", "rsi", "rdx", "r10", "r8", "r9", "memory");
	return ret;
}

static inline long _hypercall1(unsigned long nr, unsigned long a1)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1)
		     : "a"(nr)
		     : "rcx", "r11", "rsi", "rdx", "r10", "r8", "r9", "memory");
	return ret;
}

static inline long _hypercall2(unsigned long nr, unsigned long a1, unsigned long a2)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2)
		     : "a"(nr)
		     : "rcx", "r11", "rdx", "r10", "r8", "r9", "memory");
	return ret;
}

static inline long _hypercall3(unsigned long nr, unsigned long a1, unsigned long a2,
			       unsigned long a3)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3)
		     : "a"(nr)
		     : "rcx", "r11", "r10", "r8", "r9", "memory");
	return ret;
}

/* r10 and r8 have no constraint letter: bind them with register variables. */
static inline long _hypercall4(unsigned long nr, unsigned long a1, unsigned long a2,
			       unsigned long a3, unsigned long a4)
{
	register unsigned long r10 asm("r10") = a4;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10)
		     : "a"(nr)
		     : "rcx", "r11", "r8", "r9", "memory");
	return ret;
}

static inline long _hypercall5(unsigned long nr, unsigned long a1, unsigned long a2,
			       unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
		     : "a"(nr)
		     : "rcx", "r11", "r9", "memory");
	return ret;
}

/* See include/public/console_io.h for the sub-ops and their errors. */
static inline long HYPERVISOR_console_io(unsigned int cmd, unsigned long count, void *buf)
{
	return _hypercall3(SHALE_HYPERCALL_console_io, cmd, count, (unsigned long)buf);
}

/* See include/public/sched.h; shutdown does not return when it succeeds. */
static inline long HYPERVISOR_sched_op(unsigned int cmd, void *arg)
{
	return _hypercall2(SHALE_HYPERCALL_sched_op, cmd, (unsigned long)arg);
}

/* See include/public/version.h; SHALE_VERSION_version is the null hypercall. */
static inline long HYPERVISOR_version(unsigned int cmd, void *arg)
{
	return _hypercall2(SHALE_HYPERCALL_version, cmd, (unsigned long)arg);
}

/*
 * See include/public/mm.h. Applies count requests in order; *done (if done
 * is not NULL) receives how many succeeded before the first refusal.
 */
static inline long HYPERVISOR_mmu_update(const struct shale_mmu_update *reqs, unsigned int count,
					 unsigned int *done, shale_domid_t foreign_dom)
{
	return _hypercall4(SHALE_HYPERCALL_mmu_update, (unsigned long)reqs, count,
			   (unsigned long)done, foreign_dom);
}

/* See include/public/mm.h: replaces the L1 entry of va, flushing as flags (SHALE_UVMF_*) say. */
static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t val,
						unsigned long flags)
{
	return _hypercall3(SHALE_HYPERCALL_update_va_mapping, va, val, flags);
}

/* See include/public/mm.h: pin, unpin, new base pointer, TLB flushes. */
static inline long HYPERVISOR_mmuext_op(const struct shale_mmuext_op *ops, unsigned int count,
					unsigned int *done, shale_domid_t foreign_dom)
{
	return _hypercall4(SHALE_HYPERCALL_mmuext_op, (unsigned long)ops, count,
			   (unsigned long)done, foreign_dom);
}

/* See include/public/memory.h: reservations and where the M2P is. */
static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
	return _hypercall2(SHALE_HYPERCALL_memory_op, cmd, (unsigned long)arg);
}

/*
 * See include/public/multicall.h: runs every entry and stores each result
 * in it; returns 0 unless the array itself could not be used.
 */
static inline long HYPERVISOR_multicall(struct shale_multicall_entry *calls, unsigned int count)
{
	return _hypercall2(SHALE_HYPERCALL_multicall, (unsigned long)calls, count);
}

/* See include/public/traps.h: entries up to the first with address 0; NULL clears. */
static inline long HYPERVISOR_set_trap_table(const struct shale_trap_info *table)
{
	return _hypercall1(SHALE_HYPERCALL_set_trap_table, (unsigned long)table);
}

/* See include/public/traps.h: the event upcall and failsafe entry points (0 disables). */
static inline long HYPERVISOR_set_callbacks(unsigned long event_address,
					    unsigned long failsafe_address)
{
	return _hypercall2(SHALE_HYPERCALL_set_callbacks, event_address, failsafe_address);
}

/*
 * See include/public/event_channel.h: arg is the struct named after cmd
 * (SHALE_EVTCHNOP_*); OUT fields are written back on success.
 */
static inline long HYPERVISOR_event_channel_op(unsigned int cmd, void *arg)
{
	return _hypercall2(SHALE_HYPERCALL_event_channel_op, cmd, (unsigned long)arg);
}

/* See include/public/grant_table.h; ops is an array of count structures of cmd's type. */
static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *ops, unsigned int count)
{
	return _hypercall3(SHALE_HYPERCALL_grant_table_op, cmd, (unsigned long)ops, count);
}

/*
 * See include/public/sched.h: arms this vCPU's one-shot timer for absolute
 * system time deadline_ns (VIRQ_TIMER fires when it passes); 0 cancels.
 */
static inline long HYPERVISOR_set_timer_op(uint64_t deadline_ns)
{
	return _hypercall1(SHALE_HYPERCALL_set_timer_op, deadline_ns);
}

/*
 * See include/public/domctl.h: privileged domains only. The caller fills
 * cmd, domain and the union member; interface_version is set here.
 */
static inline long HYPERVISOR_domctl(struct shale_domctl *op)
{
	op->interface_version = SHALE_DOMCTL_VERSION;
	return _hypercall1(SHALE_HYPERCALL_domctl, (unsigned long)op);
}

/*
 * sched_op poll: blocks until one of the nr_ports ports is pending or
 * system time reaches timeout_ns (absolute; 0 = no time-out). Returns 0
 * either way (look at the ports to tell), -SHALE_EINVAL for a bad port or
 * more than SHALE_SCHED_POLL_MAX ports, -SHALE_EFAULT.
 */
static inline long HYPERVISOR_sched_poll(const shale_evtchn_port_t *ports, unsigned int nr_ports,
					 uint64_t timeout_ns)
{
	struct shale_sched_poll p = {
		.ports = (uintptr_t)ports, .nr_ports = nr_ports, .timeout_ns = timeout_ns,
	};

	return HYPERVISOR_sched_op(SHALE_SCHEDOP_poll, &p);
}

/*
 * sched_op remote_shutdown (privileged): shuts domid down with reason
 * SHALE_SHUTDOWN_*, as if it had asked itself. -SHALE_EPERM, -SHALE_ESRCH,
 * -SHALE_EINVAL.
 */
static inline long HYPERVISOR_sched_remote_shutdown(shale_domid_t domid, uint32_t reason)
{
	struct shale_sched_remote_shutdown r = { .domid = domid, .reason = reason };

	return HYPERVISOR_sched_op(SHALE_SCHEDOP_remote_shutdown, &r);
}

/*
 * iret has no C wrapper: it needs rsp at a struct shale_iret_context and
 * does not return on success. arch/x86/entry.S issues it.
 */

#endif /* SHALE_GUEST_HYPERCALL_H */
