/* SPDX-License-Identifier: MIT */
/* The time-stamp counter, readable from ring 3 (CR4.TSD is clear). */
#ifndef SHALE_GUEST_TSC_H
#define SHALE_GUEST_TSC_H

#include <stdint.h>

/* Raw TSC, not serialized: fine for timing many operations, not one. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	/* "memory" keeps the read where it is written relative to the code it times. */
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

#endif /* SHALE_GUEST_TSC_H */
