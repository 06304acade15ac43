/* SPDX-License-Identifier: MIT */
/* Cooperative threads: creation, round-robin switching, sleeping, wait queues, the idle loop. */
#include <console.h>
#include <kernel.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <time.h>

/* Written at the bottom of every thread stack; a thread that overflows its stack clobbers it. */
#define STACK_CANARY	0x5354414b43414e59ULL

enum thread_state { RUNNABLE, BLOCKED, EXITED };

struct thread {
	uint64_t sp;			/* saved rsp while switched out */
	enum thread_state state;
	unsigned int id;
	char name[THREAD_NAME_SIZE];
	uint64_t wakeup_ns;		/* while sleeping (BLOCKED): when to wake; else 0 */
	unsigned long switches;
	struct thread *next;		/* all threads, in creation order */
	void (*fn)(void *);
	void *arg;
	bool has_stack;			/* false for idle, which runs on the boot stack */
	uint64_t canary;		/* last: the stack grows down towards it */
};

/* In arch/x86/switch.S. */
void switch_stacks(uint64_t *save_sp, uint64_t next_sp);
extern const char thread_entry[];

static struct thread idle_thread = { .name = "idle", .state = RUNNABLE };
static struct thread *threads = &idle_thread;
static struct thread *current = &idle_thread;
static bool running;
static unsigned int next_id = 1;
static struct sched_stats stats = { .threads = 1 };

struct thread *current_thread(void)
{
	return current;
}

const char *thread_name(const struct thread *t)
{
	return t->name;
}

bool sched_running(void)
{
	return running;
}

static void check_canary(const struct thread *t)
{
	if (t->has_stack && t->canary != STACK_CANARY) {
		printk("sched: thread %u (%s) overflowed its %lu-byte stack\n", t->id, t->name,
		       THREAD_STACK_PAGES * PAGE_SIZE);
		guest_crash("thread stack overflow");
	}
}

/* Called (from arch/x86/switch.S) on a new thread's stack, with upcalls masked by schedule(). */
void thread_start(struct thread *t);
void thread_start(struct thread *t)
{
	local_irq_enable();
	t->fn(t->arg);
	exit_thread();
}

/*
 * The new stack holds what switch_stacks() pops: r15, r14, r13, r12 (the
 * thread), rbx, rbp (0: backtraces stop here), then thread_entry as the
 * return address. rsp is 16-byte aligned once that is popped, as a call
 * site wants it.
 */
static void prepare_stack(struct thread *t, void *stack)
{
	uint64_t *top = (uint64_t *)((char *)stack + THREAD_STACK_PAGES * PAGE_SIZE);
	uint64_t *sp = top - 7;

	memset(sp, 0, 7 * sizeof(uint64_t));
	sp[3] = (uintptr_t)t;			/* r12 */
	sp[6] = (uintptr_t)thread_entry;	/* return address */
	t->sp = (uintptr_t)sp;
}

struct thread *create_thread(const char *name, void (*fn)(void *), void *arg)
{
	void *stack = alloc_pages(THREAD_STACK_PAGES);
	struct thread *t = stack;
	unsigned long flags;

	if (!stack)
		return NULL;
	memset(t, 0, sizeof(*t));
	strlcpy(t->name, name, sizeof(t->name));
	t->fn = fn;
	t->arg = arg;
	t->has_stack = true;
	t->canary = STACK_CANARY;
	prepare_stack(t, stack);
	flags = local_irq_save();
	t->id = next_id++;
	t->state = RUNNABLE;
	/* Appended, so listings show creation order. */
	for (struct thread **p = &threads;; p = &(*p)->next) {
		if (!*p) {
			*p = t;
			break;
		}
	}
	stats.threads++;
	stats.created++;
	local_irq_restore(flags);
	return t;
}

void block_thread(struct thread *t)
{
	unsigned long flags = local_irq_save();

	if (t->state == RUNNABLE)
		t->state = BLOCKED;
	local_irq_restore(flags);
}

void block_thread_until(struct thread *t, uint64_t until_ns)
{
	unsigned long flags = local_irq_save();

	if (t->state == RUNNABLE) {
		t->state = BLOCKED;
		t->wakeup_ns = until_ns;
	}
	local_irq_restore(flags);
}

void wake_thread(struct thread *t)
{
	unsigned long flags = local_irq_save();

	if (t->state == BLOCKED) {
		t->state = RUNNABLE;
		t->wakeup_ns = 0;
	}
	local_irq_restore(flags);
}

/* Wakes the sleepers whose time has come. Upcalls masked. */
static void wake_expired(uint64_t now)
{
	for (struct thread *t = threads; t; t = t->next) {
		if (t->state == BLOCKED && t->wakeup_ns && t->wakeup_ns <= now) {
			t->state = RUNNABLE;
			t->wakeup_ns = 0;
		}
	}
}

/* The earliest wake-up time of a sleeping thread, 0 if none sleeps. Upcalls masked. */
static uint64_t earliest_wakeup(void)
{
	uint64_t earliest = 0;

	for (struct thread *t = threads; t; t = t->next)
		if (t->state == BLOCKED && t->wakeup_ns &&
		    (!earliest || t->wakeup_ns < earliest))
			earliest = t->wakeup_ns;
	return earliest;
}

/* Round-robin: the first runnable thread after prev (prev itself last), else idle. */
static struct thread *pick_next(struct thread *prev)
{
	struct thread *t = prev;

	wake_expired(monotonic_ns());
	do {
		t = t->next ? t->next : threads;
		if (t != &idle_thread && t->state == RUNNABLE)
			return t;
	} while (t != prev);
	return &idle_thread;
}

/* Frees the stacks of exited threads; never the running one's. Upcalls masked. */
static void reap(void)
{
	struct thread **p = &threads;

	while (*p) {
		struct thread *t = *p;

		if (t->state == EXITED && t != current) {
			*p = t->next;
			stats.threads--;
			free_pages(t, THREAD_STACK_PAGES);
		} else {
			p = &t->next;
		}
	}
}

void schedule(void)
{
	struct thread *prev = current, *next;
	unsigned long flags;

	if (in_event_handler())
		guest_crash("schedule() called from an event handler");
	flags = local_irq_save();
	check_canary(prev);
	reap();
	next = pick_next(prev);
	if (next != prev) {
		stats.switches++;
		next->switches++;
		current = next;
		switch_stacks(&prev->sp, next->sp);
	}
	/* Back in prev (or a new thread's first run never gets here: see thread_start()). */
	local_irq_restore(flags);
}

bool thread_can_sleep(void)
{
	return sched_running() && current != &idle_thread && !in_event_handler() &&
	       !irqs_disabled();
}

void exit_thread(void)
{
	if (current == &idle_thread)
		guest_crash("the idle thread cannot exit");
	local_irq_disable();
	current->state = EXITED;
	schedule();
	guest_crash("an exited thread was scheduled again");
}

void sleep_until(uint64_t until_ns)
{
	if (current == &idle_thread)
		guest_crash("the idle thread cannot sleep");
	/* A wake_thread() ends one block early; the time still has to pass. */
	while (monotonic_ns() < until_ns) {
		unsigned long flags = local_irq_save();

		current->wakeup_ns = until_ns;
		current->state = BLOCKED;
		local_irq_restore(flags);
		schedule();
	}
}

void msleep(uint32_t ms)
{
	sleep_until(monotonic_ns() + MILLISECS(ms));
}

void add_waiter(struct wait_queue *w, struct wait_queue_head *wq)
{
	unsigned long flags = local_irq_save();

	if (!w->queued) {
		w->next = wq->first;
		wq->first = w;
		w->queued = true;
	}
	local_irq_restore(flags);
}

void remove_waiter(struct wait_queue *w, struct wait_queue_head *wq)
{
	unsigned long flags = local_irq_save();

	for (struct wait_queue **p = &wq->first; w->queued && *p; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			w->queued = false;
			break;
		}
	}
	local_irq_restore(flags);
}

void wake_up(struct wait_queue_head *wq)
{
	unsigned long flags = local_irq_save();

	for (struct wait_queue *w = wq->first; w; w = w->next)
		wake_thread(w->thread);
	local_irq_restore(flags);
}

static bool any_runnable(void)
{
	wake_expired(monotonic_ns());
	for (struct thread *t = threads; t; t = t->next)
		if (t != &idle_thread && t->state == RUNNABLE)
			return true;
	return false;
}

void run_idle_thread(void)
{
	running = true;
	for (;;) {
		unsigned long flags = local_irq_save();

		/* Masked from the check to the block: an event in between still wakes us. */
		if (!any_runnable() && block_domain(earliest_wakeup()))
			stats.idle_wakeups++;
		local_irq_restore(flags);
		schedule();
	}
}

void sched_init(void)
{
	idle_thread.id = 0;
	idle_thread.state = RUNNABLE;
	current = &idle_thread;
	threads = &idle_thread;
}

static const char *state_name(const struct thread *t)
{
	if (t == current)
		return "running";
	switch (t->state) {
	case RUNNABLE:
		return "runnable";
	case BLOCKED:
		return t->wakeup_ns ? "sleeping" : "blocked";
	default:
		return "exited";
	}
}

int thread_list(struct thread_info *out, int max)
{
	unsigned long flags = local_irq_save();
	int n = 0;

	for (struct thread *t = threads; t; t = t->next, n++) {
		if (n >= max)
			continue;
		out[n].id = t->id;
		strlcpy(out[n].name, t->name, sizeof(out[n].name));
		out[n].state = state_name(t);
		out[n].wakeup_ns = t->wakeup_ns;
		out[n].switches = t->switches;
		out[n].stack_pages = t->has_stack ? THREAD_STACK_PAGES : 0;
	}
	local_irq_restore(flags);
	return n;
}

void sched_get_stats(struct sched_stats *st)
{
	unsigned long flags = local_irq_save();

	*st = stats;
	local_irq_restore(flags);
}
