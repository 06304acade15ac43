/* SPDX-License-Identifier: MIT */
/*
 * Hypercall handlers, one family per file (the file is named after the
 * family: console_io.c, sched.c, version.c, ...). Each returns 0, a count,
 * or a negative errno, which becomes the guest's rax.
 */
#ifndef SHALE_HV_HYPERCALL_H
#define SHALE_HV_HYPERCALL_H

#include <arch/regs.h>
#include "types.h"

long do_console_io(unsigned int cmd, unsigned long count, uint64_t buf);
long do_sched_op(unsigned int cmd, uint64_t arg);
long do_version(unsigned int cmd, uint64_t arg);

/* The dispatcher, called from entry.S with the guest's registers. */
void do_hypercall(struct cpu_user_regs *regs);

#endif /* SHALE_HV_HYPERCALL_H */
