/* SPDX-License-Identifier: MIT */
/* The local APIC timer and TSC calibration. */
#ifndef SHALE_ARCH_X86_APIC_H
#define SHALE_ARCH_X86_APIC_H

#include <stdint.h>

#define TIMER_HZ	100	/* hypervisor tick */

/* TSC ticks per second, measured against the PIT at boot. */
extern uint64_t tsc_hz;
/* Timer interrupts taken since boot. */
extern volatile uint64_t timer_ticks;

void tsc_calibrate(void);
/* Waits ms milliseconds on PIT channel 2; returns the TSC ticks that passed. */
uint64_t pit_wait_ms_tsc(unsigned ms);
void apic_init(void);
void apic_timer_interrupt(void);
void apic_eoi(void);

/* Nanoseconds since boot, from the TSC. */
uint64_t now_ns(void);

#endif /* SHALE_ARCH_X86_APIC_H */
