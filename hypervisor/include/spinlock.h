/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks. Shale runs on one CPU today, but shared structures are locked
 * from the start so that more CPUs are an extension, not a rewrite.
 */
#ifndef SHALE_HV_SPINLOCK_H
#define SHALE_HV_SPINLOCK_H

#include "types.h"

typedef struct {
	volatile uint32_t locked;
} spinlock_t;

#define SPINLOCK_INIT	{ 0 }

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (l->locked)
			asm volatile("pause");
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline unsigned long irq_save(void)
{
	unsigned long flags;

	asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	asm volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	irq_restore(flags);
}

#endif /* SHALE_HV_SPINLOCK_H */
