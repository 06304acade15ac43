/* SPDX-License-Identifier: MIT */
/*
 * Guest exceptions: the trap table, callbacks, bounce frames and iret.
 *
 * When a guest raises exception vector V (a fault, a privileged
 * instruction's #GP, int3...) and its trap table has a handler for V, the
 * hypervisor "bounces" it: it pushes a struct shale_bounce_frame on the
 * guest's current stack (rsp rounded down to 16 bytes first), and resumes
 * the guest at the handler with rsp pointing at the frame. For a page fault
 * the faulting address is in vcpu_info.cr2 (shared_info.h) as well as in
 * the frame. If the trap entry has SHALE_TRAP_MASK_EVENTS, event upcalls
 * are masked on entry (the old mask is saved in the frame).
 *
 * With no handler for V, or when the frame cannot be written (a bad guest
 * stack), the domain is crashed with a one-line reason.
 *
 * long set_trap_table(const struct shale_trap_info *table)
 *   Replaces the trap table with the entries of table, up to the first
 *   with address 0 (at most 256). NULL clears it. Errors: -EFAULT table
 *   unreadable; -EINVAL a vector above 255, an unknown flag, or an
 *   address that is not canonical or not in guest address space (the
 *   table is then left unchanged).
 *
 * long set_callbacks(uint64_t event_address, uint64_t failsafe_address)
 *   Where event upcalls and the failsafe callback (called when the
 *   hypervisor cannot return to the guest's saved context) start. 0
 *   disables one. -EINVAL as for trap-table addresses.
 *
 * long iret(void)
 *   Returns from a bounce: rsp must point at a struct shale_iret_context
 *   (the guest pushes rax, r11, rcx and flags below the frame it was
 *   given, after dropping the error code). Restores rip, rflags, rsp, the
 *   event mask saved by the bounce, and rax, r11, rcx from the context;
 *   does not return to the caller. -EFAULT when the context is not
 *   readable, -EINVAL when its rip or rsp is not a canonical guest address
 *   or flags is not 0 (the call then returns normally).
 */
#ifndef SHALE_PUBLIC_TRAPS_H
#define SHALE_PUBLIC_TRAPS_H

#include "shale.h"

#define SHALE_TRAP_MASK_EVENTS	(1u << 0)	/* mask upcalls on entry */
#define SHALE_MAX_TRAPS		256

/* The saved event mask travels in bits 32-39 of the frame's cs. */
#define SHALE_FRAME_CS_MASK_SHIFT	32

#ifndef __ASSEMBLER__
struct shale_trap_info {
	uint8_t vector;		/* exception vector, 0-255 */
	uint8_t flags;		/* SHALE_TRAP_* */
	uint16_t pad0;		/* must be 0 */
	uint32_t pad1;		/* must be 0 */
	uint64_t address;	/* handler; 0 ends the table */
};	/* 16 bytes */

/* What the hypervisor pushes; rsp points at error_code on entry to the handler. */
struct shale_bounce_frame {
	uint64_t error_code;	/* the CPU's error code, 0 for vectors without one */
	uint64_t rip;		/* where the exception happened */
	uint64_t cs;		/* guest cs | saved event mask << 32 */
	uint64_t rflags;
	uint64_t rsp;		/* the interrupted rsp */
	uint64_t ss;
};	/* 48 bytes */

/* What iret reads at rsp: the bounce frame without its error code, plus four words. */
struct shale_iret_context {
	uint64_t rax, r11, rcx;	/* restored (the syscall clobbers them) */
	uint64_t flags;		/* must be 0 */
	uint64_t rip, cs, rflags, rsp, ss;
};	/* 72 bytes */

_Static_assert(sizeof(struct shale_trap_info) == 16, "trap_info size");
_Static_assert(sizeof(struct shale_bounce_frame) == 48, "bounce_frame size");
_Static_assert(sizeof(struct shale_iret_context) == 72, "iret_context size");
_Static_assert(__builtin_offsetof(struct shale_iret_context, rip) == 32, "iret rip");
#endif

#endif /* SHALE_PUBLIC_TRAPS_H */
