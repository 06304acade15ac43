/* SPDX-License-Identifier: MIT */
/* The machine-to-physical table: one 64-bit pfn per machine frame. */
#include <arch/page.h>
#include "frame.h"
#include "m2p.h"
#include "printk.h"

static uint64_t *m2p_table;
static uint64_t m2p_frames;

void m2p_init(void)
{
	mfn_t first;

	m2p_frames = ROUND_UP(max_mfn * sizeof(uint64_t), PAGE_SIZE) / PAGE_SIZE;
	first = frame_alloc_contig(m2p_frames, OWNER_HV);
	if (first == INVALID_MFN)
		panic("no memory for the M2P table (%lu frames)", m2p_frames);
	for (uint64_t i = 0; i < m2p_frames; i++)
		mfn_to_page(first + i)->type = PGT_HV;
	m2p_table = mfn_to_virt(first);
	for (mfn_t m = 0; m < max_mfn; m++)
		m2p_table[m] = SHALE_INVALID_PFN;
	paging_map_m2p(first, m2p_frames);
}

void m2p_set(mfn_t mfn, uint64_t pfn)
{
	if (mfn < max_mfn)
		m2p_table[mfn] = pfn;
}

uint64_t m2p_get(mfn_t mfn)
{
	return mfn < max_mfn ? m2p_table[mfn] : SHALE_INVALID_PFN;
}

uint64_t m2p_mapped_bytes(void)
{
	return m2p_frames * PAGE_SIZE;
}
