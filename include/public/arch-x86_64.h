/* SPDX-License-Identifier: MIT */
/*
 * x86_64 specifics of the guest ABI: the selectors a guest runs with and the
 * parts of the virtual address space the hypervisor keeps for itself.
 *
 * Guests run in ring 3 of a 64-bit address space. The hypervisor owns L4
 * slots 256-271 (SHALE_HYPERVISOR_VIRT_START to _END) and L4 slot 511 (its
 * image); a guest may not map anything there. Everything else (the lower
 * half and L4 slots 272-510) is the guest's.
 */
#ifndef SHALE_PUBLIC_ARCH_X86_64_H
#define SHALE_PUBLIC_ARCH_X86_64_H

#include "shale.h"

/* Selectors loaded into a guest on entry and kept by every return. */
#define SHALE_GUEST_CS		0x2b	/* 64-bit code, ring 3 */
#define SHALE_GUEST_SS		0x23	/* data, ring 3 */

/* Reserved virtual ranges (guest page tables cannot map these). */
#define SHALE_HYPERVISOR_VIRT_START	SHALE_ULL(0xffff800000000000)
#define SHALE_HYPERVISOR_VIRT_END	SHALE_ULL(0xffff880000000000)
#define SHALE_HYPERVISOR_IMAGE_START	SHALE_ULL(0xffffff8000000000)
#define SHALE_FIRST_RESERVED_L4_SLOT	256
#define SHALE_LAST_RESERVED_L4_SLOT	271
#define SHALE_IMAGE_L4_SLOT		511

/* Highest address a guest's lower-half mappings may reach, plus one. */
#define SHALE_GUEST_LOW_END	SHALE_ULL(0x0000800000000000)

#endif /* SHALE_PUBLIC_ARCH_X86_64_H */
