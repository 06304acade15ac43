/* SPDX-License-Identifier: MIT */
/* The hypervisor's dom0 builder. */
#ifndef SHALE_HV_DOM0_BUILD_H
#define SHALE_HV_DOM0_BUILD_H

#include "bootinfo.h"
#include "domain.h"

/*
 * Builds dom0 from its kernel module (ELF64) and optional initrd with
 * mem_bytes of memory, ready for vcpu_start(). Returns NULL after printing
 * why when the modules or memory do not allow it.
 */
struct domain *dom0_build(const struct boot_module *kernel, const struct boot_module *initrd,
			  uint64_t mem_bytes);

#endif /* SHALE_HV_DOM0_BUILD_H */
