/* SPDX-License-Identifier: MIT */
/* System time and wallclock from shared_info, the timer VIRQ, blocking until a deadline. */
#include <console.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <printf.h>
#include <time.h>
#include <tsc.h>

#define SECS_PER_DAY	86400ULL

static struct time_stats stats = { .timer_port = -SHALE_ENOSYS };

static uint32_t read_version(const volatile uint32_t *v)
{
	return __atomic_load_n(v, __ATOMIC_ACQUIRE);
}

/* TSC ticks to ns with the hypervisor's 32.32 scale: a 128-bit product, no overflow. */
static uint64_t scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t monotonic_ns(void)
{
	const volatile struct shale_vcpu_time_info *t = &shared_info->vcpu_info[0].time;
	uint32_t version, mul;
	uint64_t stamp, base, now;
	int8_t shift;

	do {
		version = read_version(&t->version);
		stamp = t->tsc_timestamp;
		base = t->system_time_ns;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		now = rdtsc();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != read_version(&t->version));
	/* A TSC read just before the stamp (another CPU, later) must not wrap around. */
	return base + (now > stamp ? scale_delta(now - stamp, mul, shift) : 0);
}

uint64_t wallclock_ns(void)
{
	const volatile struct shale_shared_info *s = shared_info;
	uint32_t version, nsec;
	uint64_t sec;

	do {
		version = read_version(&s->wc_version);
		sec = s->wc_sec;
		nsec = s->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != read_version(&s->wc_version));
	return sec * NSEC_PER_SEC + nsec + monotonic_ns();
}

int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = wallclock_ns();

	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = (ns % NSEC_PER_SEC) / NSEC_PER_USEC;
	return 0;
}

/* Days since 1970-01-01 to a proleptic Gregorian date (the era-based civil-from-days method). */
static void civil_from_days(int64_t z, struct calendar_time *ct)
{
	int64_t era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	ct->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	ct->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	ct->year = (int)(y + (ct->month <= 2));
}

void time_to_calendar(uint64_t unix_sec, struct calendar_time *ct)
{
	uint64_t days = unix_sec / SECS_PER_DAY, rem = unix_sec % SECS_PER_DAY;

	civil_from_days((int64_t)days, ct);
	ct->hour = (int)(rem / 3600);
	ct->min = (int)(rem / 60 % 60);
	ct->sec = (int)(rem % 60);
	ct->wday = (int)((days + 4) % 7);	/* 1970-01-01 was a Thursday */
}

int format_time(char *buf, size_t size, uint64_t wall_ns)
{
	struct calendar_time ct;

	time_to_calendar(wall_ns / NSEC_PER_SEC, &ct);
	return snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", ct.year, ct.month, ct.day,
			ct.hour, ct.min, ct.sec);
}

int format_duration(char *buf, size_t size, uint64_t ns)
{
	return snprintf(buf, size, "%llu.%03llu", (unsigned long long)(ns / NSEC_PER_SEC),
			(unsigned long long)(ns % NSEC_PER_SEC / NSEC_PER_MSEC));
}

/* The idle loop looks at the sleepers after every wake-up; the event itself needs no work. */
static void timer_handler(evtchn_port_t port, void *data)
{
	stats.timer_events++;
}

void time_init(void)
{
	stats.timer_port = bind_virq(SHALE_VIRQ_TIMER, timer_handler, NULL);
	if (stats.timer_port < 0)
		printk("time: cannot bind VIRQ_TIMER (error %ld); sleeps wake at any event only\n",
		       stats.timer_port);
}

bool block_domain(uint64_t until_ns)
{
	if (until_ns) {
		if (until_ns <= monotonic_ns())
			return false;
		HYPERVISOR_set_timer_op(until_ns);
	}
	if (upcall_pending())
		return false;
	stats.blocks++;
	HYPERVISOR_sched_op(SHALE_SCHEDOP_block, NULL);
	return true;
}

void time_get_stats(struct time_stats *st)
{
	unsigned long flags = local_irq_save();

	*st = stats;
	local_irq_restore(flags);
}
