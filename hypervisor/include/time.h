/* SPDX-License-Identifier: MIT */
/*
 * System time (ns since boot, from the TSC), what guests are told of it
 * (vcpu_time_info, the wallclock) and per-vCPU one-shot timers.
 */
#ifndef SHALE_HV_TIME_H
#define SHALE_HV_TIME_H

#include "domain.h"

/* Computes the TSC scale and reads the wallclock; after TSC calibration. */
void time_init(void);
/* Publishes system time to v's vcpu_time_info and the wallclock to its domain. */
void time_update_vcpu(struct vcpu *v);
/* Arms (deadline != 0) or cancels v's timer; a past deadline fires at the next tick. */
void timer_set(struct vcpu *v, uint64_t deadline_ns);
/* Arms the end of a poll; the vCPU wakes when it passes. */
void timer_set_poll(struct vcpu *v, uint64_t deadline_ns);
/* Forgets v's timers (before v is freed). */
void timer_cancel_all(struct vcpu *v);
/* The periodic tick: expires timers, polls console input, drives the scheduler. */
void time_tick(void);

long do_set_timer_op(uint64_t deadline_ns);

#endif /* SHALE_HV_TIME_H */
