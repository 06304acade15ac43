/* SPDX-License-Identifier: MIT */
/*
 * sched_op: give up the CPU, wait, or stop the domain.
 *
 *   long sched_op(unsigned int cmd, void *arg)
 *
 * Sub-ops:
 *   SHALE_SCHEDOP_yield (0): let other vCPUs run; returns 0. arg ignored.
 *   SHALE_SCHEDOP_block (1): stop running until something may have happened
 *     for this vCPU (an event, console input, a timer); returns 0. Wake-ups
 *     may be spurious: re-check the condition and block again. arg ignored.
 *   SHALE_SCHEDOP_shutdown (2): arg points to struct shale_sched_shutdown.
 *     The domain stops with the given reason and does not return. For dom0,
 *     poweroff and crash stop the machine (QEMU exits with status 0 for
 *     poweroff, non-zero for crash) and reboot resets it.
 *     -EFAULT  arg is not readable.   -EINVAL  unknown reason.
 *   Any other cmd: -ENOSYS.
 */
#ifndef SHALE_PUBLIC_SCHED_H
#define SHALE_PUBLIC_SCHED_H

#include "shale.h"

#define SHALE_SCHEDOP_yield	0
#define SHALE_SCHEDOP_block	1
#define SHALE_SCHEDOP_shutdown	2

/* Shutdown reasons. */
#define SHALE_SHUTDOWN_poweroff	0
#define SHALE_SHUTDOWN_reboot	1
#define SHALE_SHUTDOWN_suspend	2
#define SHALE_SHUTDOWN_crash	3
#define SHALE_SHUTDOWN_watchdog	4

#ifndef __ASSEMBLER__
struct shale_sched_shutdown {
	uint32_t reason;	/* IN: SHALE_SHUTDOWN_* */
};	/* 4 bytes */
_Static_assert(sizeof(struct shale_sched_shutdown) == 4, "sched_shutdown size");
#endif

#endif /* SHALE_PUBLIC_SCHED_H */
