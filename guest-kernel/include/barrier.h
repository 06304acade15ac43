/* SPDX-License-Identifier: MIT */
/*
 * Memory ordering for memory shared with other domains (rings).
 *
 * x86 keeps stores in order with stores and loads in order with loads, so
 * rmb() and wmb() only have to stop the compiler; mb() also orders a
 * store before a later load, which x86 does not do by itself.
 */
#ifndef SHALE_GUEST_BARRIER_H
#define SHALE_GUEST_BARRIER_H

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define mb()		__asm__ __volatile__("mfence" ::: "memory")
#define rmb()		barrier()
#define wmb()		barrier()

/* One load the compiler may neither repeat nor merge: for indices the peer moves. */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))

#endif /* SHALE_GUEST_BARRIER_H */
