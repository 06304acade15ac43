/* SPDX-License-Identifier: MIT */
/*
 * The scheduler: which vCPU runs on this CPU, and for how long.
 *
 * Weighted fair sharing with caps: every runnable vCPU accumulates virtual
 * time, its CPU time scaled by 256 / weight, and the one with the least
 * runs next for up to a 10 ms slice. A capped domain that has used its cap
 * (percent of one CPU) within the current 100 ms period waits for the next
 * period. docs/SCHEDULER.md explains the choice.
 */
#ifndef SHALE_HV_SCHEDULE_H
#define SHALE_HV_SCHEDULE_H

#include "domain.h"

#define SCHED_SLICE_NS		10000000ULL	/* 10 ms */
#define SCHED_CAP_PERIOD_NS	100000000ULL	/* caps are measured per 100 ms */
#define SCHED_DEFAULT_WEIGHT	256

/* Makes v eligible to run (unless paused or shut down) and asks for a reschedule. */
void vcpu_wake(struct vcpu *v);
/* Takes the current vCPU off the CPU until vcpu_wake(). */
void vcpu_block_current(void);
/* Re-evaluates whether v may run (after pause, unpause, shutdown, destroy). */
void vcpu_update_runnable(struct vcpu *v);
/* Gives up the rest of the slice. */
void sched_yield_current(void);
/* Called at every timer tick: accounting, slices, caps. */
void sched_tick(uint64_t now);
/*
 * Picks the next vCPU and switches the guest frame at regs to it, idling
 * until one is runnable. Called on the way out to a guest.
 */
void schedule(struct cpu_user_regs *regs);

/* Sets up this CPU before its first vCPU runs. */
void sched_idle_init(void);
/* Asks this CPU to reschedule before returning to a guest. */
void raise_reschedule(void);

#endif /* SHALE_HV_SCHEDULE_H */
