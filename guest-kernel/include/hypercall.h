/* SPDX-License-Identifier: MIT */
/*
 * Hypercall wrappers: the only way a guest kernel asks the hypervisor for
 * anything (it runs in ring 3, so privileged instructions fault).
 *
 * The calling convention is the one in include/public/shale.h: `syscall`
 * with rax = hypercall number and the arguments in rdi, rsi, rdx, r10, r8,
 * r9; the result comes back in rax (>= 0 on success, -SHALE_E* on error).
 * The instruction itself clobbers rcx (return rip) and r11 (rflags); the
 * ABI preserves every other register, so the asm only declares those two.
 * The "memory" clobber is needed because the hypervisor reads and writes
 * the buffers whose addresses we pass.
 */
#ifndef SHALE_GUEST_HYPERCALL_H
#define SHALE_GUEST_HYPERCALL_H

#include <public/shale.h>
#include <public/errno.h>
#include <public/console_io.h>
#include <public/sched.h>
#include <public/version.h>

static inline long _hypercall0(unsigned long nr)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall1(unsigned long nr, unsigned long a1)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a1)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall2(unsigned long nr, unsigned long a1, unsigned long a2)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a1), "S"(a2)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall3(unsigned long nr, unsigned long a1, unsigned long a2,
			       unsigned long a3)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
		     : "rcx", "r11", "memory");
	return ret;
}

/* r10 and r8 have no constraint letter: bind them with register variables. */
static inline long _hypercall4(unsigned long nr, unsigned long a1, unsigned long a2,
			       unsigned long a3, unsigned long a4)
{
	register unsigned long r10 asm("r10") = a4;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long _hypercall5(unsigned long nr, unsigned long a1, unsigned long a2,
			       unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
		     : "rcx", "r11", "memory");
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

#endif /* SHALE_GUEST_HYPERCALL_H */
