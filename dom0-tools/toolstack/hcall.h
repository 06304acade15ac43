/* SPDX-License-Identifier: MIT */
/*
 * A hypercall wrapper for calls the hypervisor may continue: memory_op
 * reservations past 256 frames and mmu_update / mmuext_op batches past 128
 * requests. A continuation re-enters the call with rdi, rsi, rdx, r10, r8
 * and r9 rewritten (the remaining batch, r8/r9 zeroed; docs/ABI.md allows
 * it), so all six are declared clobbered here. The guest kernel's
 * _hypercallN() wrappers declare only rcx and r11, which lets the compiler
 * reuse a stale argument register after such a call: with them, a
 * 512-entry MACHPHYS_UPDATE batch freed an interior heap pointer in dom0.
 */
#ifndef SHALE_DOM0_TOOLSTACK_HCALL_H
#define SHALE_DOM0_TOOLSTACK_HCALL_H

#include <public/shale.h>

static inline long ts_hypercall4(unsigned long nr, unsigned long a1, unsigned long a2,
				 unsigned long a3, unsigned long a4)
{
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = 0;
	register unsigned long r9 asm("r9") = 0;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8), "+r"(r9)
		     : "a"(nr)
		     : "rcx", "r11", "memory");
	return ret;
}

#endif /* SHALE_DOM0_TOOLSTACK_HCALL_H */
