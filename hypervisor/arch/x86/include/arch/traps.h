/* SPDX-License-Identifier: MIT */
/* Exception reporting helpers. */
#ifndef SHALE_ARCH_X86_TRAPS_H
#define SHALE_ARCH_X86_TRAPS_H

#include <arch/regs.h>

/* "#GP general protection" and so on; "reserved exception" if unknown. */
const char *exception_name(unsigned long vector);
/* Prints the registers of a frame at error level. */
void dump_registers(const struct cpu_user_regs *regs);
/* The C half of every exception and interrupt entry. */
void do_trap(struct cpu_user_regs *regs);

#endif /* SHALE_ARCH_X86_TRAPS_H */
