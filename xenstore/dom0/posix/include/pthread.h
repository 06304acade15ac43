/* SPDX-License-Identifier: MIT */
/*
 * <pthread.h> for code built on dom0's POSIX shim, over guest-kernel's
 * cooperative threads (sched.h).
 *
 * Why this is correct without atomics: dom0 runs on one vCPU and a thread
 * keeps the CPU until it calls schedule() (directly, or by sleeping,
 * waiting or exiting); event handlers never take these locks. So testing
 * and setting a mutex's owner cannot be interleaved with another thread,
 * and a thread that must wait sleeps on a wait queue instead of spinning.
 * The waits here are real: a mutex held across a yield (LMDB's writer
 * lock is held from mdb_txn_begin() to commit) blocks other lockers until
 * it is released.
 *
 * Mutexes are error-checking whatever their kind: relocking one's own
 * mutex is EDEADLK (a plain one would hang for ever), unlocking one held
 * by another thread is EPERM. "Process-shared" is the same as private
 * (dom0 is one address space). Robust mutexes are not offered (LMDB is
 * built with MDB_USE_ROBUST=0): no thread can die holding one short of
 * crashing dom0 as a whole.
 *
 * Thread-specific data is kept per guest thread, but destructors are never
 * run (guest threads have no exit hook): dom0 code should open LMDB
 * environments with MDB_NOTLS, which keeps LMDB from using keys at all.
 */
#ifndef SHALE_POSIX_PTHREAD_H
#define SHALE_POSIX_PTHREAD_H

#include <stddef.h>
#include <sched.h>

typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;

typedef struct {
	int unused;
} pthread_attr_t;

typedef struct {
	int kind;
	int pshared;
} pthread_mutexattr_t;

typedef struct {
	int unused;
} pthread_condattr_t;

typedef struct {
	struct thread *owner;		/* NULL when unlocked */
	struct wait_queue_head waiters;
} pthread_mutex_t;

typedef struct {
	unsigned long signals;		/* bumped by every signal or broadcast */
	struct wait_queue_head waiters;
} pthread_cond_t;

#define PTHREAD_MUTEX_INITIALIZER	{ .owner = NULL, .waiters = WAIT_QUEUE_HEAD_INIT }
#define PTHREAD_COND_INITIALIZER	{ .signals = 0, .waiters = WAIT_QUEUE_HEAD_INIT }

#define PTHREAD_MUTEX_NORMAL		0
#define PTHREAD_MUTEX_RECURSIVE		1
#define PTHREAD_MUTEX_ERRORCHECK	2
#define PTHREAD_MUTEX_DEFAULT		PTHREAD_MUTEX_NORMAL
#define PTHREAD_PROCESS_PRIVATE		0
#define PTHREAD_PROCESS_SHARED		1

/* How many keys may exist at once. */
#define PTHREAD_KEYS_MAX		16

pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);

/*
 * A new guest thread running fn(arg); attr must be NULL. pthread_join()
 * waits for it and collects fn's result (every thread must be joined:
 * there is no detach). EAGAIN when no thread can be made.
 */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *),
		   void *arg);
int pthread_join(pthread_t thread, void **result);

int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
/* NORMAL, ERRORCHECK or DEFAULT (all behave as ERRORCHECK); RECURSIVE is ENOTSUP. */
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int kind);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
/* EBUSY while locked or waited on. */
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
/* EBUSY when another thread holds it, EDEADLK when the caller does. */
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
/* m must be held by the caller (EPERM otherwise); held again on return. */
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

/* destructor is accepted but never called (see above). EAGAIN past PTHREAD_KEYS_MAX. */
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
/* ENOMEM when the value cannot be stored, EINVAL for a key not created. */
int pthread_setspecific(pthread_key_t key, const void *value);

#endif /* SHALE_POSIX_PTHREAD_H */
