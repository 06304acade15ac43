/* SPDX-License-Identifier: MIT */
/*
 * The guest kernel's start and end: what start_kernel() hands to the
 * application and how the application stops the domain.
 */
#ifndef SHALE_GUEST_KERNEL_H
#define SHALE_GUEST_KERNEL_H

#include <stdbool.h>
#include <public/shared_info.h>
#include <public/start_info.h>
#include "compiler.h"

/*
 * The domain's start_info, copied by start_kernel() into the kernel's own
 * memory (so the bootstrap area can be reused) before app_main() runs.
 */
extern const struct shale_start_info *start_info;

/* System time (ns) when start_kernel began: the kernel's first instructions. */
extern uint64_t kernel_entry_ns;

/* The page shared with the hypervisor (start_info.shared_info_va). */
extern struct shale_shared_info *shared_info;

/* True when word appears as a whole word on the kernel's command line. */
bool cmdline_has(const char *word);

/*
 * Provided by the application (dom0-tools, a test kernel, a domU program).
 * Called once with the console ready. Returning 0 powers the domain off;
 * any other value crashes it (so a test runner sees the failure).
 */
int app_main(const struct shale_start_info *si);

/* Called by arch/x86/head.S on the kernel's stack with the builder's start_info. */
__noreturn void start_kernel(struct shale_start_info *si);

/* Stop the domain with reason poweroff or reboot; they do not return. */
__noreturn void guest_poweroff(void);
__noreturn void guest_reboot(void);

/* Prints "guest crash: <why>" and stops the domain with reason crash. */
__noreturn void guest_crash(const char *why);

#endif /* SHALE_GUEST_KERNEL_H */
