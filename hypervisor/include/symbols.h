/* SPDX-License-Identifier: MIT */
/* The hypervisor's own symbol table, for backtraces. */
#ifndef SHALE_HV_SYMBOLS_H
#define SHALE_HV_SYMBOLS_H

#include "types.h"

/* Name of the function containing addr and the offset in it; NULL if unknown. */
const char *symbol_lookup(uint64_t addr, uint64_t *offset);

#endif /* SHALE_HV_SYMBOLS_H */
