/* SPDX-License-Identifier: MIT */
/*
 * System time, guest time info, wallclock and per-vCPU timers.
 *
 * System time is ns since boot from the TSC (calibrated at boot). Guests
 * get the same clock through vcpu_time_info: a TSC stamp, the system time
 * at that stamp and a 32.32 scale, so they read time without a hypercall.
 * Timers are checked at every 10 ms tick, which bounds their precision.
 */
#include <arch/apic.h>
#include <arch/rtc.h>
#include <public/event_channel.h>
#include "event_channel.h"
#include "hypercall.h"
#include "printk.h"
#include "schedule.h"
#include "time.h"

static uint32_t tsc_mul;
static int8_t tsc_shift;
static uint64_t boot_wallclock_sec;
static struct vcpu *timer_list;	/* vCPUs with a timer or poll deadline armed */

/* Finds mul, shift with ns = ((tsc << shift) * mul) >> 32, mul as large as fits. */
static void compute_scale(void)
{
	uint64_t mul = (1000000000ULL << 32) / tsc_hz;
	int shift = 0;

	while (mul >= (1ULL << 32)) {
		mul >>= 1;
		shift++;
	}
	while (mul < (1ULL << 31) && shift > -31) {
		mul <<= 1;
		shift--;
	}
	tsc_mul = (uint32_t)mul;
	tsc_shift = (int8_t)shift;
}

void time_init(void)
{
	compute_scale();
	boot_wallclock_sec = rtc_read_unix() - now_ns() / 1000000000ULL;
	pr_info("time: tsc scale %u >> %d, wallclock at boot %lu\n", tsc_mul, tsc_shift,
		boot_wallclock_sec);
}

void time_update_vcpu(struct vcpu *v)
{
	struct shale_vcpu_time_info *t = &vcpu_info(v)->time;
	struct shale_shared_info *s = v->domain->shared_info;

	/* Odd version while writing: readers retry. */
	__atomic_store_n(&t->version, t->version + 1, __ATOMIC_RELEASE);
	t->tsc_timestamp = rdtsc();
	t->system_time_ns = now_ns();
	t->tsc_to_system_mul = tsc_mul;
	t->tsc_shift = tsc_shift;
	__atomic_store_n(&t->version, t->version + 1, __ATOMIC_RELEASE);
	if (s->wc_sec != boot_wallclock_sec) {
		__atomic_store_n(&s->wc_version, s->wc_version + 1, __ATOMIC_RELEASE);
		s->wc_sec = boot_wallclock_sec;
		s->wc_nsec = 0;
		__atomic_store_n(&s->wc_version, s->wc_version + 1, __ATOMIC_RELEASE);
	}
}

static void list_timer(struct vcpu *v)
{
	if (v->timer_listed)
		return;
	v->timer_next = timer_list;
	timer_list = v;
	v->timer_listed = true;
}

void timer_set(struct vcpu *v, uint64_t deadline_ns)
{
	v->timer_deadline_ns = deadline_ns;
	if (deadline_ns)
		list_timer(v);
}

void timer_set_poll(struct vcpu *v, uint64_t deadline_ns)
{
	v->poll_deadline_ns = deadline_ns;
	if (deadline_ns)
		list_timer(v);
}

void timer_cancel_all(struct vcpu *v)
{
	v->timer_deadline_ns = 0;
	v->poll_deadline_ns = 0;
	for (struct vcpu **p = &timer_list; *p; p = &(*p)->timer_next) {
		if (*p == v) {
			*p = v->timer_next;
			break;
		}
	}
	v->timer_listed = false;
}

static void expire(struct vcpu *v, uint64_t now)
{
	if (v->timer_deadline_ns && v->timer_deadline_ns <= now) {
		v->timer_deadline_ns = 0;
		evtchn_send_vcpu_virq(v, SHALE_VIRQ_TIMER);
		/* Wake even without a bound VIRQ_TIMER: block allows spurious wake-ups. */
		if (v->blocked)
			vcpu_wake(v);
	}
	if (v->poll_deadline_ns && v->poll_deadline_ns <= now) {
		v->poll_deadline_ns = 0;
		if (v->polling)
			vcpu_wake(v);
	}
}

static void run_timers(uint64_t now)
{
	struct vcpu **p = &timer_list;

	while (*p) {
		struct vcpu *v = *p;

		expire(v, now);
		if (!v->timer_deadline_ns && !v->poll_deadline_ns) {
			*p = v->timer_next;
			v->timer_listed = false;
		} else {
			p = &v->timer_next;
		}
	}
}

void time_tick(void)
{
	uint64_t now = now_ns();

	run_timers(now);
	evtchn_poll_console_input();
	sched_tick(now);
}

long do_set_timer_op(uint64_t deadline_ns)
{
	timer_set(current_vcpu(), deadline_ns);
	return 0;
}
