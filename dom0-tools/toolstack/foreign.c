/* SPDX-License-Identifier: MIT */
/* Giving a new domain frames, recording their M2P entries and pinning its L4, from dom0. */
#include <hypercall.h>
#include <malloc.h>
#include "foreign.h"
#include "hcall.h"

/* MACHPHYS_UPDATE requests per mmu_update call (the hypervisor splits them further). */
#define M2P_BATCH	512

long ts_populate(uint16_t domid, uint64_t *mfns, uint64_t n)
{
	struct shale_memory_reservation r = {
		.extent_start = (uintptr_t)mfns,
		.nr_extents = n,
		.extent_order = 0,
		.domid = domid,
	};

	return ts_hypercall4(SHALE_HYPERCALL_memory_op, SHALE_MEMOP_increase_reservation,
			     (uintptr_t)&r, 0, 0);
}

int ts_m2p_record(uint16_t domid, const uint64_t *p2m, uint64_t n)
{
	struct shale_mmu_update *req = malloc(M2P_BATCH * sizeof(*req));
	uint64_t pfn = 0;
	long rc = 0;

	if (!req)
		return -SHALE_ENOMEM;
	while (pfn < n && !rc) {
		unsigned int cnt = n - pfn < M2P_BATCH ? (unsigned int)(n - pfn) : M2P_BATCH;

		for (unsigned int i = 0; i < cnt; i++) {
			req[i].ptr = (p2m[pfn + i] << SHALE_PAGE_SHIFT) | SHALE_MMU_MACHPHYS_UPDATE;
			req[i].val = pfn + i;
		}
		rc = ts_hypercall4(SHALE_HYPERCALL_mmu_update, (uintptr_t)req, cnt, 0, domid);
		pfn += cnt;
	}
	free(req);
	return (int)rc;
}

int ts_pin_l4(uint16_t domid, uint64_t mfn)
{
	struct shale_mmuext_op op = { .cmd = SHALE_MMUEXT_PIN_L4_TABLE, .arg1 = mfn };

	return (int)ts_hypercall4(SHALE_HYPERCALL_mmuext_op, (uintptr_t)&op, 1, 0, domid);
}
