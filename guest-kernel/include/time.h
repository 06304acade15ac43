/* SPDX-License-Identifier: MIT */
/*
 * Time: system time (ns since the hypervisor booted) read from
 * vcpu_time_info without a hypercall, the wallclock, the one-shot timer,
 * and blocking the vCPU until an event or a deadline.
 *
 * System time = system_time_ns + the TSC ticks since tsc_timestamp scaled
 * by tsc_to_system_mul and tsc_shift, read under the version counter
 * (include/public/shared_info.h). The wallclock is shared_info's wc_sec /
 * wc_nsec (the wall time at system time 0) plus system time. The timer
 * fires VIRQ_TIMER, which time_init() binds; the hypervisor checks
 * deadlines at its 10 ms tick, so that is the timer's precision.
 */
#ifndef SHALE_GUEST_TIME_H
#define SHALE_GUEST_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

#define MILLISECS(ms)	((uint64_t)(ms) * NSEC_PER_MSEC)
#define SECONDS(s)	((uint64_t)(s) * NSEC_PER_SEC)

/* Seconds and microseconds since 1970-01-01 00:00 UTC. */
struct timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

/* A UTC calendar date and time. */
struct calendar_time {
	int year;	/* e.g. 2025 */
	int month;	/* 1-12 */
	int day;	/* 1-31 */
	int hour, min, sec;
	int wday;	/* 0 = Sunday */
};

/* Binds VIRQ_TIMER (its handler only counts: waking is the idle loop's job). */
void time_init(void);

/* System time: ns since the hypervisor booted; never goes backwards on one vCPU. */
uint64_t monotonic_ns(void);

/* ns since 1970-01-01 00:00 UTC. */
uint64_t wallclock_ns(void);

/* The wallclock as a struct timeval; tz is ignored (UTC). Returns 0. */
int gettimeofday(struct timeval *tv, void *tz);

/* Splits seconds since 1970 into a UTC calendar date and time. */
void time_to_calendar(uint64_t unix_sec, struct calendar_time *ct);

/*
 * Formats wall time wall_ns (ns since 1970) as "YYYY-MM-DD HH:MM:SS" into
 * buf (at most size bytes with the NUL). Returns snprintf()'s result.
 */
int format_time(char *buf, size_t size, uint64_t wall_ns);

/*
 * Formats a duration in ns as "S.mmm" seconds (milliseconds truncated).
 * Returns snprintf()'s result.
 */
int format_duration(char *buf, size_t size, uint64_t ns);

/*
 * Arms the one-shot timer for until_ns (absolute system time; 0: no
 * timer) and blocks the vCPU with sched_op block, unless an upcall is
 * already pending or until_ns has passed (then it returns false at once).
 * Returns true after a wake-up, which may be spurious; the caller
 * re-checks. Call it with upcalls masked (the
 * idle loop does) so an event between the caller's check and the block
 * cannot be missed: the hypervisor wakes a blocked vCPU for it anyway.
 */
bool block_domain(uint64_t until_ns);

struct time_stats {
	unsigned long timer_events;	/* VIRQ_TIMER handled */
	unsigned long blocks;		/* times block_domain() blocked the vCPU */
	long timer_port;		/* VIRQ_TIMER's port, or the bind error */
};

void time_get_stats(struct time_stats *st);

#endif /* SHALE_GUEST_TIME_H */
