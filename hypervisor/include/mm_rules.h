/* SPDX-License-Identifier: MIT */
/*
 * The rules a guest page-table entry must follow, as pure functions of the
 * entry, its level and its slot (no frame table involved), so the host
 * unit tests check exactly the code the hypervisor runs. docs/MEMORY.md
 * states them in prose.
 */
#ifndef SHALE_HV_MM_RULES_H
#define SHALE_HV_MM_RULES_H

#include <stdbool.h>
#include <stdint.h>

/* Flags a guest may set in a present entry of each level. */
#define PTE_GUEST_FLAGS_L1	0x8000000000000f67ULL	/* P RW US A D G AVL NX */
#define PTE_GUEST_FLAGS_UPPER	0x8000000000000e67ULL	/* P RW US A D AVL NX */
#define PTE_FRAME_MASK		0x000ffffffffff000ULL

/*
 * Marks an L1 entry the hypervisor wrote for a grant mapping. Bit 52 is
 * ignored by the CPU and is one of the bits pte_check_flags() refuses, so
 * no guest can write an entry that carries it.
 */
#define PTE_GRANT_MAP		(1ULL << 52)

/* True for a present L1 entry that is a grant mapping (bit 0 is present). */
static inline bool pte_is_grant_map(unsigned int level, uint64_t pte)
{
	return level == 1 && (pte & 1) && (pte & PTE_GRANT_MAP);
}

/* True for L4 slots the hypervisor owns (256-271 and 511). */
bool l4_slot_reserved(unsigned int slot);

/*
 * Checks a present entry's flag bits for its level (1-4) and, at level 4,
 * its slot. Returns 0, or -SHALE_EINVAL with *why set ("reserved L4
 * slot", "PAT bit" at L1, "PSE (superpage) bit" above, "cache-control
 * bits", "Global above L1", "bits 52-62 set"; "unknown flag" is a safety
 * net for bits a future rule change might leave uncovered).
 */
int pte_check_flags(unsigned int level, unsigned int slot, uint64_t pte, const char **why);

static inline uint64_t pte_mfn(uint64_t pte)
{
	return (pte & PTE_FRAME_MASK) >> 12;
}

#endif /* SHALE_HV_MM_RULES_H */
