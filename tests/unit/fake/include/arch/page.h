/* SPDX-License-Identifier: MIT */
/*
 * Fake <arch/page.h> for the host unit tests: shadows
 * hypervisor/arch/x86/include/arch/page.h so page_type.c and mm_rules.c
 * build on the host. The entry bits are copied from the real header; the
 * direct map becomes fake_mm.c's array of frames.
 */
#ifndef SHALE_ARCH_X86_PAGE_H
#define SHALE_ARCH_X86_PAGE_H

#include "types.h"

#define _PAGE_PRESENT	0x001ULL
#define _PAGE_RW	0x002ULL
#define _PAGE_USER	0x004ULL
#define _PAGE_PWT	0x008ULL
#define _PAGE_PCD	0x010ULL
#define _PAGE_ACCESSED	0x020ULL
#define _PAGE_DIRTY	0x040ULL
#define _PAGE_PSE	0x080ULL
#define _PAGE_GLOBAL	0x100ULL
#define _PAGE_NX	(1ULL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000ULL

/* The frame's 4 KiB inside fake_mm.c's array; fails the test if mfn is not RAM. */
void *mfn_to_virt(mfn_t mfn);

/* Writes fake_reserved_entry(slot) into slots 256-271 and 511. */
void paging_fill_reserved_slots(uint64_t *l4);

#endif /* SHALE_ARCH_X86_PAGE_H */
