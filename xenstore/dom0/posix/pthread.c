/* SPDX-License-Identifier: MIT */
/*
 * pthreads over guest-kernel's cooperative threads: why no atomics are
 * needed is explained in include/pthread.h. Waiting always sleeps on a
 * wait queue (wait_event()), so a blocked thread costs no CPU.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

pthread_t pthread_self(void)
{
	return (pthread_t)current_thread();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

/* ---- threads ---- */

struct pthread_start {
	void *(*fn)(void *);
	void *arg;
	void *result;
	bool done;
	struct wait_queue_head done_wq;
};

static void pthread_trampoline(void *arg)
{
	struct pthread_start *s = arg;

	s->result = s->fn(s->arg);
	s->done = true;
	wake_up(&s->done_wq);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *),
		   void *arg)
{
	struct pthread_start *s;

	if (attr || !fn)
		return EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return EAGAIN;
	s->fn = fn;
	s->arg = arg;
	init_waitqueue_head(&s->done_wq);
	if (!create_thread("pthread", pthread_trampoline, s)) {
		free(s);
		return EAGAIN;
	}
	*thread = (pthread_t)s;
	return 0;
}

int pthread_join(pthread_t thread, void **result)
{
	struct pthread_start *s = (struct pthread_start *)thread;

	if (!s)
		return EINVAL;
	wait_event(s->done_wq, s->done);
	if (result)
		*result = s->result;
	free(s);
	return 0;
}

/* ---- mutexes ---- */

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->kind = PTHREAD_MUTEX_DEFAULT;
	attr->pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int kind)
{
	if (kind == PTHREAD_MUTEX_RECURSIVE)
		return ENOTSUP;
	if (kind != PTHREAD_MUTEX_NORMAL && kind != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->kind = kind;
	return 0;
}

/* One address space: shared and private are the same thing. */
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->pshared = pshared;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	m->owner = NULL;
	init_waitqueue_head(&m->waiters);
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (m->owner || m->waiters.first)
		return EBUSY;
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	struct thread *self = current_thread();

	if (m->owner == self)
		return EDEADLK;
	if (m->owner)
		return EBUSY;
	m->owner = self;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	struct thread *self = current_thread();

	if (m->owner == self)
		return EDEADLK;
	wait_event(m->waiters, m->owner == NULL);
	m->owner = self;
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->owner != current_thread())
		return EPERM;
	m->owner = NULL;
	wake_up(&m->waiters);
	return 0;
}

/* ---- condition variables ---- */

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	c->signals = 0;
	init_waitqueue_head(&c->waiters);
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	return c->waiters.first ? EBUSY : 0;
}

/*
 * Nothing runs between the unlock and the wait queue check (no yield in
 * between), so a signal sent after the unlock is always seen: it changes
 * signals, which the wait compares with the value taken before.
 */
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	unsigned long seen = c->signals;
	int rc = pthread_mutex_unlock(m);

	if (rc)
		return rc;
	wait_event(c->waiters, c->signals != seen);
	return pthread_mutex_lock(m);
}

/* Wakes every waiter: POSIX allows more than one to return from a signal. */
int pthread_cond_signal(pthread_cond_t *c)
{
	c->signals++;
	wake_up(&c->waiters);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	return pthread_cond_signal(c);
}

/* ---- thread-specific data ---- */

struct key_value {
	struct key_value *next;
	struct thread *thread;
	pthread_key_t key;
	const void *value;
};

static bool key_used[PTHREAD_KEYS_MAX];
static struct key_value *key_values;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	pthread_key_t k;

	for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (!key_used[k]) {
			key_used[k] = true;
			*key = k;
			return 0;
		}
	}
	return EAGAIN;
}

/* Unlinks and frees the values that match key (and thread, unless it is NULL). */
static void drop_values(pthread_key_t key, struct thread *thread)
{
	struct key_value **p = &key_values, *kv;

	while ((kv = *p)) {
		if (kv->key == key && (!thread || kv->thread == thread)) {
			*p = kv->next;
			free(kv);
		} else {
			p = &kv->next;
		}
	}
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !key_used[key])
		return EINVAL;
	drop_values(key, NULL);
	key_used[key] = false;
	return 0;
}

static struct key_value *find_value(pthread_key_t key, struct thread *thread)
{
	struct key_value *kv;

	for (kv = key_values; kv; kv = kv->next)
		if (kv->key == key && kv->thread == thread)
			return kv;
	return NULL;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct key_value *kv;

	if (key >= PTHREAD_KEYS_MAX || !key_used[key])
		return NULL;
	kv = find_value(key, current_thread());
	return kv ? (void *)kv->value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct thread *self = current_thread();
	struct key_value *kv;

	if (key >= PTHREAD_KEYS_MAX || !key_used[key])
		return EINVAL;
	if (!value) {
		drop_values(key, self);
		return 0;
	}
	kv = find_value(key, self);
	if (!kv) {
		kv = malloc(sizeof(*kv));
		if (!kv)
			return ENOMEM;
		kv->thread = self;
		kv->key = key;
		kv->next = key_values;
		key_values = kv;
	}
	kv->value = value;
	return 0;
}
