/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's virtual memory map. Usable from C and assembly.
 *
 *   0xffff800000000000  L4 slot 256  read-only M2P for guests (reserved)
 *   0xffff830000000000  L4 slot 262  direct map of all physical memory
 *   0xffff87ffffffffff  end of the guest-invisible reserved area (slot 271)
 *   0xffffffff80000000  L4 slot 511  the hypervisor image (phys 0 upwards)
 */
#ifndef SHALE_ARCH_X86_LAYOUT_H
#define SHALE_ARCH_X86_LAYOUT_H

#include <public/arch-x86_64.h>

#define KERNEL_VBASE		SHALE_ULL(0xffffffff80000000)
#define KERNEL_LOAD_PHYS	0x100000
#define DIRECTMAP_BASE		SHALE_ULL(0xffff830000000000)
#define DIRECTMAP_L4_SLOT	262
#define DIRECTMAP_SIZE		SHALE_ULL(0x0000008000000000)	/* one L4 slot: 512 GiB */
#define M2P_RO_BASE		SHALE_ULL(0xffff800000000000)

#define BOOT_IDENT_GIB		4	/* boot maps the first 4 GiB, 2 MiB pages */

#define STACK_SIZE		16384
#define IST_STACK_SIZE		4096

#endif /* SHALE_ARCH_X86_LAYOUT_H */
