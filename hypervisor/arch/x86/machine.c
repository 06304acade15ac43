/* SPDX-License-Identifier: MIT */
/* Power off, reset, and failure exits (QEMU's isa-debug-exit). */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/io.h>
#include "machine.h"
#include "printk.h"

#define DEBUG_EXIT_PORT	0xf4
#define ACPI_PM1A_CNT_QEMU	0x604	/* PIIX4/ICH9 PM block as QEMU's firmware sets it */
#define ACPI_PM1A_CNT_BOCHS	0xb004
#define ACPI_SLP_EN_S5		0x2000
#define KBC_CMD_PORT		0x64
#define KBC_PULSE_RESET		0xfe

/* Port writes that stop QEMU take effect a little later; give them time. */
static void wait_ms(unsigned ms)
{
	uint64_t end = rdtsc() + tsc_hz / 1000 * ms;

	while (rdtsc() < end)
		asm volatile("pause");
}

static __noreturn void halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

void machine_poweroff(void)
{
	pr_info("powering off\n");
	outw(ACPI_PM1A_CNT_QEMU, ACPI_SLP_EN_S5);
	outw(ACPI_PM1A_CNT_BOCHS, ACPI_SLP_EN_S5);
	wait_ms(500);
	pr_err("poweroff failed: halting\n");
	halt_forever();
}

void machine_reboot(void)
{
	static const uint64_t empty_idt[2];

	pr_info("rebooting\n");
	outb(KBC_CMD_PORT, KBC_PULSE_RESET);
	wait_ms(500);
	/* Still here: a triple fault resets any PC. */
	asm volatile("lidt %0; int3" : : "m"(empty_idt));
	halt_forever();
}

void machine_fail(int code)
{
	outl(DEBUG_EXIT_PORT, (uint32_t)code);
	halt_forever();
}
