/* SPDX-License-Identifier: MIT */
/*
 * The machine-to-physical table: for every machine frame, the pfn its
 * owner uses for it (SHALE_INVALID_PFN when none). The hypervisor writes
 * it; every guest reads it at SHALE_M2P_VIRT_START.
 */
#ifndef SHALE_HV_M2P_H
#define SHALE_HV_M2P_H

#include <public/mm.h>
#include "types.h"

/* Allocates the table (all entries invalid) and maps it for guests. */
void m2p_init(void);
void m2p_set(mfn_t mfn, uint64_t pfn);
uint64_t m2p_get(mfn_t mfn);
/* Bytes of guest address space the read-only mapping covers. */
uint64_t m2p_mapped_bytes(void);

#endif /* SHALE_HV_M2P_H */
