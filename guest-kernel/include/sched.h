/* SPDX-License-Identifier: MIT */
/*
 * Cooperative threads, sleeping, wait queues, and the idle loop.
 *
 * Threads run until they call schedule() (directly, or by sleeping,
 * waiting or exiting); nothing preempts them. Each has its own stack
 * (THREAD_STACK_PAGES pages from the page allocator, its struct thread at
 * the bottom). schedule() picks the next runnable thread round-robin,
 * waking sleepers whose time has come. When none is runnable the idle
 * thread (the boot stack, start_kernel's context) arms the one-shot timer
 * for the earliest sleeper and blocks the vCPU (block_domain(), time.h)
 * instead of spinning, then looks again after every wake-up.
 *
 * start_kernel() runs app_main() in a thread called "main", so an
 * application can create more threads; app_main() returning still ends the
 * domain. Event handlers (events.h) run in no thread of their own: they
 * may wake threads but must not block or call schedule().
 */
#ifndef SHALE_GUEST_SCHED_H
#define SHALE_GUEST_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "events.h"

/* time.h: the macros below read the clock. */
uint64_t monotonic_ns(void);

#define THREAD_STACK_PAGES	4	/* 16 KiB, the size of the boot stack */
#define THREAD_NAME_SIZE	16

struct thread;

/*
 * Sets the scheduler up with the calling context (start_kernel() on the
 * boot stack) as the idle thread. Called once, after time_init().
 */
void sched_init(void);

/* Enters the idle loop for good: runs threads, blocks the vCPU when none can run. */
__noreturn void run_idle_thread(void);

/*
 * A new runnable thread that will call fn(arg) with upcalls enabled; when
 * fn returns the thread exits. name is copied (truncated to 15
 * characters). Returns NULL when no stack can be allocated.
 */
struct thread *create_thread(const char *name, void (*fn)(void *), void *arg);

/* Lets the other runnable threads run; returns when this one is picked again. */
void schedule(void);

/* Ends the calling thread; its stack is freed once another thread runs. */
__noreturn void exit_thread(void);

/* The running thread. */
struct thread *current_thread(void);

const char *thread_name(const struct thread *t);

/*
 * True once the idle loop runs (so app_main() and every thread see it):
 * sleeping and waiting work. Before, in start_kernel(), they do not.
 */
bool sched_running(void);

/*
 * True when the caller may sleep or wait: threads run, it is one of them
 * (not the idle loop), not an event handler, and upcalls are not masked.
 * Code that may run anywhere (console output) polls instead when false.
 */
bool thread_can_sleep(void);

/*
 * Marks t not runnable: it stops being picked once it calls schedule().
 * Used as block_thread(current_thread()) before schedule(), with upcalls
 * masked between the check of the condition and the block.
 */
void block_thread(struct thread *t);

/* Makes t runnable again (and cancels its sleep); safe from event handlers. */
void wake_thread(struct thread *t);

/* Sleeps until system time until_ns (time.h) at least; other threads run meanwhile. */
void sleep_until(uint64_t until_ns);

/* Sleeps ms milliseconds at least (the hypervisor's timer has 10 ms precision). */
void msleep(uint32_t ms);

/* A snapshot of one thread, for listings. */
struct thread_info {
	unsigned int id;
	char name[THREAD_NAME_SIZE];
	const char *state;		/* running, runnable, sleeping, blocked, exited */
	uint64_t wakeup_ns;		/* when sleeping: system time it wakes at */
	unsigned long switches;		/* times it was switched to */
	unsigned int stack_pages;	/* 0 for the idle thread (boot stack) */
};

/* Fills up to max entries (in creation order); returns the number of threads. */
int thread_list(struct thread_info *out, int max);

struct sched_stats {
	unsigned long threads;		/* alive now, idle included */
	unsigned long created;		/* since boot, idle excluded */
	unsigned long switches;		/* context switches */
	unsigned long idle_wakeups;	/* times the idle loop blocked the vCPU and woke */
};

void sched_get_stats(struct sched_stats *st);

/*
 * Wait queues: threads wait for a condition that another thread or an
 * event handler makes true and then signals with wake_up().
 */
struct wait_queue {
	struct thread *thread;
	struct wait_queue *next;
	bool queued;
};

struct wait_queue_head {
	struct wait_queue *first;
};

#define WAIT_QUEUE_HEAD_INIT		{ .first = NULL }
#define DECLARE_WAIT_QUEUE_HEAD(name)	struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	wq->first = NULL;
}

/* Queue w (the current thread) on wq, if it is not queued yet; call with upcalls masked. */
void add_waiter(struct wait_queue *w, struct wait_queue_head *wq);

/* Takes w off wq if it is there. */
void remove_waiter(struct wait_queue *w, struct wait_queue_head *wq);

/* Wakes every thread waiting on wq; safe from event handlers. */
void wake_up(struct wait_queue_head *wq);

/*
 * Sleeps until condition is true. condition is evaluated with upcalls
 * masked (so a handler cannot make it true between the test and the
 * block unnoticed) and may be evaluated many times. Not from handlers or
 * the idle thread.
 */
#define wait_event(wq, condition)						\
	do {									\
		struct wait_queue __w = { .thread = current_thread() };	\
		for (;;) {							\
			unsigned long __flags = local_irq_save();		\
			if (condition) {					\
				local_irq_restore(__flags);			\
				break;						\
			}							\
			add_waiter(&__w, &(wq));				\
			block_thread(__w.thread);				\
			local_irq_restore(__flags);				\
			schedule();						\
		}								\
		remove_waiter(&__w, &(wq));					\
	} while (0)

/*
 * Like block_thread(), and the thread also becomes runnable again at
 * system time until_ns if nobody wakes it before.
 */
void block_thread_until(struct thread *t, uint64_t until_ns);

/*
 * Like wait_event(), but gives up at system time until_ns. Evaluates to
 * true when condition became true, false on time-out.
 */
#define wait_event_until(wq, condition, until_ns)				\
	({									\
		struct wait_queue __w = { .thread = current_thread() };	\
		bool __met;							\
		for (;;) {							\
			unsigned long __flags = local_irq_save();		\
			if (condition) {					\
				local_irq_restore(__flags);			\
				__met = true;					\
				break;						\
			}							\
			if (monotonic_ns() >= (until_ns)) {			\
				local_irq_restore(__flags);			\
				__met = false;					\
				break;						\
			}							\
			add_waiter(&__w, &(wq));				\
			block_thread_until(__w.thread, (until_ns));		\
			local_irq_restore(__flags);				\
			schedule();						\
		}								\
		remove_waiter(&__w, &(wq));					\
		__met;								\
	})

#endif /* SHALE_GUEST_SCHED_H */
