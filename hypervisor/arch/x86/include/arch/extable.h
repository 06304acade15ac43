/* SPDX-License-Identifier: MIT */
/*
 * Exception table: instructions allowed to fault (guest-memory accesses)
 * and where execution resumes when they do.
 */
#ifndef SHALE_ARCH_X86_EXTABLE_H
#define SHALE_ARCH_X86_EXTABLE_H

#include <stdint.h>

struct extable_entry {
	uint64_t fault_rip;
	uint64_t fixup_rip;
};

/* Returns the fixup address for a faulting rip, or 0 if it has none. */
uint64_t extable_find(uint64_t rip);

#endif /* SHALE_ARCH_X86_EXTABLE_H */
