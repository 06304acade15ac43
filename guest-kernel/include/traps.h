/* SPDX-License-Identifier: MIT */
/*
 * Exceptions: the trap table the kernel registers for vectors 0-31 and the
 * C side of arch/x86/entry.S. Every exception is reported on the console
 * (name, vector, rip, error code; for a page fault the address and what
 * the error code means). #BP (int3) then resumes; everything else crashes
 * the domain with guest_crash().
 */
#ifndef SHALE_GUEST_TRAPS_H
#define SHALE_GUEST_TRAPS_H

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"

#define TRAP_NR_VECTORS	32	/* the exceptions the kernel handles */

/* Vectors with a handler of their own. */
#define TRAP_BP		3
#define TRAP_UD		6
#define TRAP_GP		13
#define TRAP_PF		14

/* Page-fault error-code bits. */
#define PF_PRESENT	(1u << 0)	/* protection violation; clear: page not present */
#define PF_WRITE	(1u << 1)	/* the access was a write */
#define PF_USER		(1u << 2)	/* from ring 3 (always, for a PV kernel) */
#define PF_RSVD		(1u << 3)	/* a reserved bit was set in an entry */
#define PF_INSTR	(1u << 4)	/* an instruction fetch */

/*
 * The registers of the interrupted code, as entry.S leaves them on the
 * stack: its pushes (r15 lowest ... rax, then the vector) followed by the
 * hypervisor's struct shale_bounce_frame. The push order in entry.S and
 * this layout must change together (traps.c asserts the offsets).
 */
struct trap_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	/* struct shale_bounce_frame */
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

/*
 * Registers entry.S's stubs for every vector 0-31 with set_trap_table.
 * Crashes the domain, saying why, if the hypervisor refuses the table.
 * With "notraps" on the kernel command line it registers nothing, so
 * every exception reaches the hypervisor's no-handler path (which crashes
 * the domain itself); boot tests use that to check the hypervisor.
 */
void trap_init(void);

/* True once trap_init() has registered the table. */
bool traps_installed(void);

/* Called by entry.S with the saved registers; returns to resume them. */
void do_exception(struct trap_regs *regs, unsigned long vector);

/* Called by entry.S when the iret hypercall refused the context (rc < 0). */
__noreturn void trap_iret_failed(long rc);

/* "#PF page fault" and so on; "reserved exception" above 31. */
const char *trap_name(unsigned long vector);

/* Exceptions seen since boot, by vector (the shell's meminfo shows them). */
unsigned long trap_count(unsigned long vector);

#endif /* SHALE_GUEST_TRAPS_H */
