/* SPDX-License-Identifier: MIT */
/*
 * Local APIC (xAPIC, through the direct map) and its timer, run periodic at
 * TIMER_HZ after calibration against the PIT. The legacy 8259 PICs are
 * remapped and masked so they cannot raise vectors that alias exceptions.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/layout.h>
#include <arch/x86.h>
#include "printk.h"
#include "time.h"

#define APIC_ID		0x20
#define APIC_EOI	0xb0
#define APIC_SVR	0xf0
#define APIC_LVT_TIMER	0x320
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0
#define APIC_SVR_ENABLE	0x100
#define LVT_PERIODIC	(1 << 17)
#define LVT_MASKED	(1 << 16)

volatile uint64_t timer_ticks;
static volatile uint32_t *apic_base;

static uint32_t apic_read(uint32_t reg)
{
	return apic_base[reg / 4];
}

static void apic_write(uint32_t reg, uint32_t v)
{
	apic_base[reg / 4] = v;
}

static void pic_disable(void)
{
	/* Remap to 0x20-0x2f first: a stray IRQ must not look like an exception. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 4);
	outb(0xa1, 2);
	outb(0x21, 1);
	outb(0xa1, 1);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void apic_timer_interrupt(void)
{
	timer_ticks++;
	apic_eoi();
	time_tick();
}

void apic_init(void)
{
	uint64_t base_msr = rdmsr(MSR_APIC_BASE);
	uint32_t ticks;

	pic_disable();
	apic_base = (volatile uint32_t *)(DIRECTMAP_BASE + (base_msr & 0xfffff000));
	wrmsr(MSR_APIC_BASE, base_msr | (1 << 11));	/* globally enabled */
	apic_write(APIC_SVR, APIC_SVR_ENABLE | VEC_SPURIOUS);
	apic_write(APIC_TIMER_DIV, 0x3);		/* divide by 16 */

	/* Count APIC timer ticks over 10 ms of PIT time. */
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, 0xffffffff);
	pit_wait_ms_tsc(10);
	ticks = 0xffffffff - apic_read(APIC_TIMER_CUR);

	apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, ticks * 100 / TIMER_HZ);
	pr_info("apic: id %u, timer %u ticks per 10 ms, tick %u Hz\n",
		apic_read(APIC_ID) >> 24, ticks, TIMER_HZ);
}
