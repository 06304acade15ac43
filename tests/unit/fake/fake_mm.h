/* SPDX-License-Identifier: MIT */
/*
 * The fake arch under hypervisor/common/page_type.c on the host: a frame
 * table over FAKE_NR_FRAMES fake 4 KiB frames, one CPU, and a log the
 * tests can read. fake_mm.c says what each stand-in does.
 */
#ifndef SHALE_TESTS_UNIT_FAKE_MM_H
#define SHALE_TESTS_UNIT_FAKE_MM_H

#include <arch/page.h>
#include "domain.h"
#include "frame.h"

#define FAKE_NR_FRAMES	256	/* max_mfn: frames 0..255 are RAM */

/* The last value write_cr3() was given, and how many times it was called. */
extern uint64_t fake_cr3;
extern unsigned int fake_cr3_writes;

/* Fresh state: every frame free, no domains, CPU and log cleared. */
void fake_mm_init(void);
/* Frees what fake_mm_init() and fake_domain_create() allocated. */
void fake_mm_fini(void);

/* Like frame_alloc(): the lowest free frame, zeroed, count 1; fails the test when none is left. */
mfn_t fake_frame_alloc(uint16_t owner);

/*
 * A domain as domain_create() leaves it: no memory, a shared_info frame
 * owned by the hypervisor with type PGT_SHARED_INFO, and vcpu0 with no
 * base table.
 */
struct domain *fake_domain_create(shale_domid_t domid);

/* What paging_fill_reserved_slots() writes into a reserved L4 slot. */
uint64_t fake_reserved_entry(unsigned int slot);

/*
 * Calls of page_type.c's hook for a released L1 holding a grant mapping
 * (gnttab_release_pte(), faked: it records the entry and clears it, as
 * the real one does after ending the mapping).
 */
extern unsigned int fake_grant_releases;
extern uint64_t fake_grant_released_maddr;

/* Every printk() line since the last fake_log_clear(), newline-separated. */
const char *fake_log(void);
void fake_log_clear(void);

#endif /* SHALE_TESTS_UNIT_FAKE_MM_H */
