/* SPDX-License-Identifier: MIT */
/*
 * sched_op: give up the CPU, wait, or stop the domain.
 *
 *   long sched_op(unsigned int cmd, void *arg)
 *
 * Sub-ops:
 *   SHALE_SCHEDOP_yield (0): let other vCPUs run; returns 0. arg ignored.
 *   SHALE_SCHEDOP_block (1): stop running until an event is pending for
 *     this vCPU (vcpu_info.evtchn_upcall_pending); returns at once if one
 *     already is. Returns 0. Wake-ups may be spurious: re-check the
 *     condition and block again. arg ignored. A guest that blocks with
 *     upcalls masked is still woken by a pending event.
 *   SHALE_SCHEDOP_shutdown (2): arg points to struct shale_sched_shutdown.
 *     The domain stops with the given reason and does not return; dom0 is
 *     told through VIRQ_DOM_EXC and the toolstack applies the domain's
 *     on_poweroff / on_reboot / on_crash policy. For dom0 itself, poweroff
 *     and crash stop the machine (QEMU exits with status 0 for poweroff,
 *     non-zero for crash) and reboot resets it.
 *     -EFAULT  arg is not readable.   -EINVAL  unknown reason.
 *   SHALE_SCHEDOP_poll (3): arg points to struct shale_sched_poll. Blocks
 *     until one of the listed ports is pending (returns 0 at once if one
 *     is) or system time reaches timeout_ns (absolute, as in vcpu_time_info;
 *     0 = no time-out), then returns 0. -EFAULT, -EINVAL (a port out of
 *     range or nr_ports > SHALE_SCHED_POLL_MAX).
 *   SHALE_SCHEDOP_remote_shutdown (4): arg points to struct
 *     shale_sched_remote_shutdown; shuts another domain down as if it had
 *     asked itself. -EPERM unless privileged, -ESRCH, -EINVAL (bad reason,
 *     non-zero pad, or the caller itself: use SCHEDOP_shutdown).
 *   Any other cmd: -ENOSYS.
 *
 * Related: long set_timer_op(uint64_t deadline_ns) (hypercall 15) arms
 * this vCPU's one-shot timer for an absolute system time in ns; when it
 * passes, VIRQ_TIMER fires (if bound) and a blocked vCPU wakes. 0 cancels.
 * Timers are checked at the hypervisor's 10 ms tick, so a deadline fires
 * up to 10 ms late; one in the past fires at the next tick. Returns 0.
 */
#ifndef SHALE_PUBLIC_SCHED_H
#define SHALE_PUBLIC_SCHED_H

#include "shale.h"

#define SHALE_SCHEDOP_yield	0
#define SHALE_SCHEDOP_block	1
#define SHALE_SCHEDOP_shutdown	2
#define SHALE_SCHEDOP_poll	3
#define SHALE_SCHEDOP_remote_shutdown	4

#define SHALE_SCHED_POLL_MAX	128	/* ports per poll */

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
struct shale_sched_poll {
	uint64_t ports;		/* IN: guest address of shale_evtchn_port_t[nr_ports] */
	uint32_t nr_ports;	/* IN */
	uint32_t pad;		/* must be 0 */
	uint64_t timeout_ns;	/* IN: absolute system time, 0 = none */
};	/* 24 bytes */

struct shale_sched_remote_shutdown {
	shale_domid_t domid;	/* IN */
	uint16_t pad;		/* must be 0 */
	uint32_t reason;	/* IN: SHALE_SHUTDOWN_* */
};	/* 8 bytes */

_Static_assert(sizeof(struct shale_sched_shutdown) == 4, "sched_shutdown size");
_Static_assert(sizeof(struct shale_sched_poll) == 24, "sched_poll size");
_Static_assert(sizeof(struct shale_sched_remote_shutdown) == 8, "remote_shutdown size");
#endif

#endif /* SHALE_PUBLIC_SCHED_H */
