/* SPDX-License-Identifier: MIT */
/*
 * Stopping the machine. Under QEMU with an isa-debug-exit device at port
 * 0xf4, a failure ends QEMU with status (code << 1) | 1, so tests see a
 * non-zero status; a clean poweroff ends it with status 0 (ACPI).
 */
#ifndef SHALE_HV_MACHINE_H
#define SHALE_HV_MACHINE_H

#include "types.h"

/* Failure codes: QEMU exits with (code << 1) | 1. */
#define EXIT_PANIC	1	/* status 3: the hypervisor panicked */
#define EXIT_DOM0_CRASH	2	/* status 5: dom0 crashed or asked to crash */
#define EXIT_BOOT_FAIL	3	/* status 7: no usable dom0 */

__noreturn void machine_poweroff(void);
__noreturn void machine_reboot(void);
/* Stops with a failure status; halts forever where that is not possible. */
__noreturn void machine_fail(int code);

#endif /* SHALE_HV_MACHINE_H */
