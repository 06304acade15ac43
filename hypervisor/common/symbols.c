/* SPDX-License-Identifier: MIT */
/*
 * Looks up addresses in the symbol table the build links into .symbols
 * (scripts/gen-symbols.sh: sorted addresses, name offsets, names).
 */
#include "symbols.h"

extern const uint64_t symbols_count;
extern const uint64_t symbols_addrs[];
extern const uint32_t symbols_name_offsets[];
extern const char symbols_names[];

const char *symbol_lookup(uint64_t addr, uint64_t *offset)
{
	uint64_t lo = 0, hi = symbols_count;

	if (!hi || addr < symbols_addrs[0])
		return NULL;
	/* Last entry whose address is <= addr. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (symbols_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - symbols_addrs[lo];
	return &symbols_names[symbols_name_offsets[lo]];
}
