/* SPDX-License-Identifier: MIT */
/*
 * The scheduler (see schedule.h): one run queue per CPU (one CPU so far),
 * weighted virtual time, 10 ms slices, per-domain caps over 100 ms periods.
 * Switching happens only on the way out to a guest, where the frame at the
 * top of the stack is swapped for the next vCPU's; hypercalls never sleep
 * inside the hypervisor.
 */
#include <arch/apic.h>
#include <arch/context.h>
#include "frame.h"
#include "printk.h"
#include "schedule.h"

#define SCRUB_BATCH	8	/* frames zeroed between two interrupt windows: tens of us */

static struct vcpu *runqueue;		/* runnable vCPUs, the running one included */
static spinlock_t runqueue_lock = SPINLOCK_INIT;
static struct shale_vcpu_info idle_vcpu_info;	/* what entry.S checks while idle */

void raise_reschedule(void)
{
	raise_exit_work(EXIT_WORK_RESCHEDULE);
}

static bool vcpu_runnable(const struct vcpu *v)
{
	const struct domain *d = v->domain;

	return v->initialised && !v->blocked && !d->paused && d->state == DOMAIN_RUNNING;
}

static uint64_t min_vruntime(void)
{
	uint64_t min = ~0ULL;

	for (struct vcpu *v = runqueue; v; v = v->rq_next)
		min = MIN(min, v->vruntime);
	return min == ~0ULL ? 0 : min;
}

static void enqueue(struct vcpu *v)
{
	uint64_t floor = min_vruntime();

	/* A vCPU back from a long sleep must not own the CPU until it catches up. */
	if (v->vruntime < floor)
		v->vruntime = floor;
	v->rq_next = runqueue;
	runqueue = v;
	v->on_runqueue = true;
}

static void dequeue(struct vcpu *v)
{
	for (struct vcpu **p = &runqueue; *p; p = &(*p)->rq_next) {
		if (*p == v) {
			*p = v->rq_next;
			break;
		}
	}
	v->on_runqueue = false;
	v->rq_next = NULL;
}

void vcpu_update_runnable(struct vcpu *v)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);
	bool runnable = vcpu_runnable(v);

	if (runnable && !v->on_runqueue)
		enqueue(v);
	else if (!runnable && v->on_runqueue)
		dequeue(v);
	spin_unlock_irqrestore(&runqueue_lock, flags);
	raise_reschedule();
}

void vcpu_wake(struct vcpu *v)
{
	v->blocked = false;
	v->polling = false;
	vcpu_update_runnable(v);
}

void vcpu_block_current(void)
{
	struct vcpu *v = current_vcpu();

	v->blocked = true;
	vcpu_update_runnable(v);
}

void sched_yield_current(void)
{
	struct vcpu *v = current_vcpu();
	uint64_t max = v->vruntime;

	/* Behind every other runnable vCPU. */
	for (struct vcpu *o = runqueue; o; o = o->rq_next)
		if (o != v)
			max = MAX(max, o->vruntime + 1);
	v->vruntime = max;
	raise_reschedule();
}

static void account(struct vcpu *v, uint64_t now)
{
	struct domain *d = v->domain;
	uint64_t delta = now - v->last_start_ns;

	v->last_start_ns = now;
	v->cpu_time_ns += delta;
	v->vruntime += delta * SCHED_DEFAULT_WEIGHT / d->weight;
	d->cap_used_ns += delta;
}

static bool capped_out(struct domain *d, uint64_t now)
{
	if (now - d->cap_period_start_ns >= SCHED_CAP_PERIOD_NS) {
		d->cap_period_start_ns = now - (now - d->cap_period_start_ns) % SCHED_CAP_PERIOD_NS;
		d->cap_used_ns = 0;
	}
	return d->cap && d->cap_used_ns >= d->cap * (SCHED_CAP_PERIOD_NS / 100);
}

static struct vcpu *pick_next(uint64_t now)
{
	struct vcpu *best = NULL;

	for (struct vcpu *v = runqueue; v; v = v->rq_next)
		if (!capped_out(v->domain, now) && (!best || v->vruntime < best->vruntime))
			best = v;
	return best;
}

void sched_tick(uint64_t now)
{
	struct percpu *pc = this_cpu();

	/* Every tick is a chance to rotate: slices end, caps and periods roll over. */
	if (!pc->idle && pc->current)
		account(pc->current, now);
	raise_reschedule();
}

static void save_vcpu(struct vcpu *v, const struct cpu_user_regs *regs)
{
	v->regs = *regs;
	arch_vcpu_save(v);
}

static void load_vcpu(struct percpu *pc, struct vcpu *v, struct cpu_user_regs *regs)
{
	*regs = v->regs;
	arch_vcpu_restore(v);
	pc->current = v;
	pc->vcpu_info = vcpu_info(v);
}

void schedule(struct cpu_user_regs *regs)
{
	struct percpu *pc = this_cpu();
	struct vcpu *prev = pc->current, *next;
	uint64_t now = now_ns();
	unsigned long flags;

	if (!pc->idle)
		account(prev, now);
	flags = spin_lock_irqsave(&runqueue_lock);
	next = pick_next(now);
	spin_unlock_irqrestore(&runqueue_lock, flags);
	while (!next) {
		if (!pc->idle) {
			save_vcpu(prev, regs);
			pc->idle = true;
			pc->vcpu_info = &idle_vcpu_info;
		}
		/*
		 * Idle time zeroes freed frames, a batch at a time with a window
		 * for interrupts after each; with nothing left to zero, halt.
		 * Interrupts (timers, input) are what makes a vCPU runnable again.
		 */
		if (frame_scrub_some(SCRUB_BATCH))
			irq_window();
		else
			safe_halt();
		local_irq_disable();
		now = now_ns();
		flags = spin_lock_irqsave(&runqueue_lock);
		next = pick_next(now);
		spin_unlock_irqrestore(&runqueue_lock, flags);
	}
	if (pc->idle) {
		pc->idle = false;
		load_vcpu(pc, next, regs);
	} else if (next != prev) {
		save_vcpu(prev, regs);
		load_vcpu(pc, next, regs);
	}
	next->last_start_ns = now;
}

void sched_idle_init(void)
{
	this_cpu()->vcpu_info = &idle_vcpu_info;
}
