/* SPDX-License-Identifier: MIT */
/*
 * What the boot loader told us, copied out of its Multiboot1 or Multiboot2
 * structures into one form before any memory is reused.
 */
#ifndef SHALE_HV_BOOTINFO_H
#define SHALE_HV_BOOTINFO_H

#include "types.h"

#define BOOT_MAX_RANGES		64
#define BOOT_MAX_MODULES	16
#define BOOT_CMDLINE_MAX	1024

#define BOOT_RANGE_RAM		1

struct boot_range {
	paddr_t start, end;	/* [start, end) */
	uint32_t type;		/* BOOT_RANGE_RAM or the firmware's other types */
};

struct boot_module {
	paddr_t start, end;
	char cmdline[BOOT_CMDLINE_MAX];	/* without the file name */
};

struct boot_info {
	const char *protocol;		/* "multiboot1" or "multiboot2" */
	char loader[64];
	char cmdline[BOOT_CMDLINE_MAX];
	unsigned int nr_ranges;
	struct boot_range ranges[BOOT_MAX_RANGES];
	unsigned int nr_modules;
	struct boot_module modules[BOOT_MAX_MODULES];
};

extern struct boot_info boot_info;

/* Fills boot_info from the loader's structure; -EINVAL for an unknown magic. */
int multiboot_parse(uint32_t magic, paddr_t info);

#endif /* SHALE_HV_BOOTINFO_H */
