/* SPDX-License-Identifier: MIT */
/*
 * start_hypervisor(): what happens between boot.S and dom0's first
 * instruction, in order. Reads as the table of contents of the boot.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/page.h>
#include "bootinfo.h"
#include "console.h"
#include "boot_domain.h"
#include "schedule.h"
#include "time.h"
#include <arch/context.h>
#include "frame.h"
#include "m2p.h"
#include "machine.h"
#include "params.h"
#include "printk.h"

void start_hypervisor(uint32_t magic, uint32_t info_phys);

static uint64_t top_of_ram(void)
{
	uint64_t top = 0;

	for (unsigned i = 0; i < boot_info.nr_ranges; i++)
		if (boot_info.ranges[i].type == BOOT_RANGE_RAM)
			top = MAX(top, boot_info.ranges[i].end);
	return top;
}

static __noreturn void boot_fail(const char *why)
{
	pr_err("boot failed: %s\n", why);
	pr_err("machine stopped (exit code %d)\n", EXIT_BOOT_FAIL);
	machine_fail(EXIT_BOOT_FAIL);
}

static void crash_selftest(void)
{
	pr_info("crash_selftest: executing an invalid instruction in the hypervisor\n");
	asm volatile("ud2");
}

void start_hypervisor(uint32_t magic, uint32_t info_phys)
{
	struct domain *dom0;
	const struct boot_module *initrd;

	console_init();
	cpu_probe_features();
	cpu_init();
	if (multiboot_parse(magic, info_phys))
		boot_fail("not started by a Multiboot loader");
	params_parse(boot_info.cmdline);
	pr_info("Shale hypervisor, ABI %d.%d, booted by %s (%s)\n", SHALE_ABI_MAJOR,
		SHALE_ABI_MINOR, boot_info.loader[0] ? boot_info.loader : "an unnamed loader",
		boot_info.protocol);
	pr_info("command line: %s\n", boot_info.cmdline);
	frame_init();
	paging_init(top_of_ram());
	m2p_init();
	tsc_calibrate();
	time_init();
	fpu_init();
	apic_init();
	sched_idle_init();
	if (opt_crash_selftest)
		crash_selftest();

	if (boot_info.nr_modules == 0)
		boot_fail("no dom0 kernel: give it as the first boot module "
			  "(GRUB module2, QEMU -initrd)");
	initrd = boot_info.nr_modules > 1 && !boot_module_is_domain(&boot_info.modules[1]) ?
		 &boot_info.modules[1] : NULL;
	dom0 = boot_domain_build(&(struct boot_domain_spec){
		.kernel = &boot_info.modules[0], .initrd = initrd, .mem_bytes = opt_dom0_mem,
		.domid = 0, .privileged = true, .name = "Domain-0",
		.cmdline = boot_info.modules[0].cmdline });
	if (!dom0)
		boot_fail("could not build dom0");
	boot_domains_start_extra();
	for (unsigned i = 0; i < boot_info.nr_modules; i++)
		frame_release_boot_range(boot_info.modules[i].start, boot_info.modules[i].end);
	pr_info("starting dom0; %lu MiB free\n", frame_free_count() >> 8);
	domain_unpause(dom0);
	vcpu_start(dom0->vcpu0);
}
