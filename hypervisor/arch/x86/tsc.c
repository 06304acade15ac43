/* SPDX-License-Identifier: MIT */
/*
 * TSC calibration against the PIT (channel 2, gated by port 0x61), which
 * every PC and QEMU machine has, so no firmware table is needed.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/io.h>
#include "printk.h"

#define PIT_HZ		1193182
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_GATE	0x61
#define CALIBRATE_MS	20

uint64_t tsc_hz;
static uint64_t tsc_at_boot;

uint64_t pit_wait_ms_tsc(unsigned ms)
{
	uint32_t count = PIT_HZ * ms / 1000;
	uint64_t start, end;

	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);				/* ch2, lo/hi, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	start = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))
		;
	end = rdtsc();
	return end - start;
}

void tsc_calibrate(void)
{
	uint64_t best = ~0ULL;

	/* The shortest of a few runs is the one least disturbed by the host. */
	for (int i = 0; i < 3; i++) {
		uint64_t d = pit_wait_ms_tsc(CALIBRATE_MS);

		if (d < best)
			best = d;
	}
	tsc_hz = best * (1000 / CALIBRATE_MS);
	tsc_at_boot = rdtsc();
	pr_info("tsc: %lu.%03lu MHz\n", tsc_hz / 1000000, (tsc_hz / 1000) % 1000);
}

uint64_t now_ns(void)
{
	uint64_t d = rdtsc() - tsc_at_boot;

	/* Split to avoid overflowing 64 bits for long uptimes. */
	return (d / tsc_hz) * 1000000000ULL + ((d % tsc_hz) * 1000000000ULL) / tsc_hz;
}
