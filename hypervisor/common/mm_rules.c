/* SPDX-License-Identifier: MIT */
/*
 * Which bits a guest's page-table entries may carry. Everything not
 * explicitly allowed is refused, so a bit whose meaning a future CPU
 * changes cannot slip through.
 */
#include <public/errno.h>
#include "mm_rules.h"

#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_PSE_PAT	(1ULL << 7)	/* PSE at L2/L3, PAT at L1 */
#define PTE_GLOBAL	(1ULL << 8)
#define PTE_HIGH_BITS	0x7ff0000000000000ULL	/* 52-62: protection keys, avail */

_Static_assert(PTE_GRANT_MAP & PTE_HIGH_BITS, "guests can never set the grant-mapping bit");

bool l4_slot_reserved(unsigned int slot)
{
	return (slot >= 256 && slot <= 271) || slot == 511;
}

int pte_check_flags(unsigned int level, unsigned int slot, uint64_t pte, const char **why)
{
	uint64_t flags = pte & ~PTE_FRAME_MASK;
	uint64_t allowed = level == 1 ? PTE_GUEST_FLAGS_L1 : PTE_GUEST_FLAGS_UPPER;

	if (level == 4 && l4_slot_reserved(slot))
		*why = "reserved L4 slot";
	else if (pte & PTE_PSE_PAT)
		*why = level == 1 ? "PAT bit" : "PSE (superpage) bit";
	else if (pte & (PTE_PWT | PTE_PCD))
		*why = "cache-control bits";
	else if (level > 1 && (pte & PTE_GLOBAL))
		*why = "Global above L1";
	else if (pte & PTE_HIGH_BITS)
		*why = "bits 52-62 set";
	else if (flags & ~allowed)
		*why = "unknown flag";
	else
		return 0;
	return -SHALE_EINVAL;
}
