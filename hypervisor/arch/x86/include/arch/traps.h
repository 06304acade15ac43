/* SPDX-License-Identifier: MIT */
/* Exception reporting helpers. */
#ifndef SHALE_ARCH_X86_TRAPS_H
#define SHALE_ARCH_X86_TRAPS_H

#include <arch/regs.h>

/* "#GP general protection" and so on; "reserved exception" if unknown. */
const char *exception_name(unsigned long vector);
/* Prints the registers of a frame at error level. */
void dump_registers(const struct cpu_user_regs *regs);
/*
 * Delivers the guest exception in regs to the current vCPU's handler
 * (cr2: the fault address for #PF), or crashes the domain when it cannot.
 */
void bounce_exception(struct cpu_user_regs *regs, uint64_t cr2);
/*
 * Enters the current vCPU's event callback if an upcall is pending and
 * unmasked; crashes the domain if its stack cannot take the frame.
 */
void deliver_event_upcall(struct cpu_user_regs *regs);
/* The C half of every exception and interrupt entry. */
void do_trap(struct cpu_user_regs *regs);

#endif /* SHALE_ARCH_X86_TRAPS_H */
