/* SPDX-License-Identifier: MIT */
/* Page allocator over start_info, p2m lookups and page-table walks. */
#include <xt.h>

void xt_mm_init(void);

static uint64_t next_free_pfn;

void xt_mm_init(void)
{
	next_free_pfn = xt_si->first_free_pfn;
}

uint64_t xt_mfn_to_pfn(uint64_t mfn)
{
	static uint64_t last;	/* walks ask for the same few tables again and again */
	const uint64_t *p2m = xt_p2m();

	if (last < xt_si->nr_pages && p2m[last] == mfn)
		return last;
	for (uint64_t pfn = 0; pfn < xt_si->nr_pages; pfn++)
		if (p2m[pfn] == mfn)
			return last = pfn;
	return XT_INVALID;
}

uint64_t xt_alloc_pages(uint64_t n)
{
	uint64_t pfn = next_free_pfn;

	if (n > xt_si->nr_pages - pfn) {
		xt_error("out of free pages (%lu asked, %lu left)", n, xt_si->nr_pages - pfn);
		xt_finish();
	}
	next_free_pfn += n;
	memset((void *)xt_pfn_to_va(pfn), 0, n * PAGE_SIZE);
	return pfn;
}

uint64_t xt_alloc_page(void)
{
	return xt_alloc_pages(1);
}

const uint64_t *xt_table(uint64_t mfn)
{
	uint64_t pfn = xt_mfn_to_pfn(mfn);

	return pfn == XT_INVALID ? NULL : (const uint64_t *)xt_pfn_to_va(pfn);
}

unsigned int xt_walk(uint64_t va, struct xt_walk *w)
{
	uint64_t mfn = xt_l4_mfn;

	memset(w, 0, sizeof(*w));
	for (unsigned int l = 4; l >= 1; l--) {
		unsigned int idx = (va >> (12 + 9 * (l - 1))) & 511;
		const uint64_t *t = xt_table(mfn);

		w->level = l;
		w->table_mfn[l] = mfn;
		w->entry_maddr[l] = (mfn << 12) + idx * 8;
		if (!t) {
			xt_error("walk of 0x%lx: L%u table mfn 0x%lx is not ours", va, l, mfn);
			return l;
		}
		w->entry[l] = t[idx];
		if (l == 1 || !(w->entry[l] & SHALE_PTE_PRESENT))
			return l;
		mfn = (w->entry[l] & SHALE_PTE_ADDR_MASK) >> 12;
	}
	return w->level;
}

uint64_t xt_l1e_maddr(uint64_t va)
{
	struct xt_walk w;

	return xt_walk(va, &w) == 1 ? w.entry_maddr[1] : 0;
}

uint64_t xt_l1e(uint64_t va)
{
	struct xt_walk w;

	return xt_walk(va, &w) == 1 ? w.entry[1] : 0;
}

long xt_set_pte(uint64_t maddr, uint64_t val)
{
	struct shale_mmu_update req = { .ptr = maddr | SHALE_MMU_NORMAL_PT_UPDATE, .val = val };

	return hc_mmu_update(&req, 1, NULL, SHALE_DOMID_SELF);
}

long xt_map_readonly(uint64_t pfn)
{
	return hc_update_va_mapping(xt_pfn_to_va(pfn), (xt_pfn_to_mfn(pfn) << 12) | XT_PT_DATA_RO,
				    SHALE_UVMF_INVLPG);
}

long xt_map_writable(uint64_t pfn)
{
	return hc_update_va_mapping(xt_pfn_to_va(pfn), (xt_pfn_to_mfn(pfn) << 12) | XT_PT_DATA_RW,
				    SHALE_UVMF_INVLPG);
}

uint64_t xt_new_table_page(void)
{
	uint64_t pfn = xt_alloc_page();
	long rc = xt_map_readonly(pfn);
	char name[24];

	if (rc) {
		xt_error("remapping pfn 0x%lx read-only for a table: update_va_mapping gave %s",
			 pfn, xt_rc_name(rc, name, sizeof(name)));
		return XT_INVALID;
	}
	return pfn;
}

long xt_ensure_l1(uint64_t va)
{
	struct xt_walk w;
	unsigned int l = xt_walk(va, &w);
	char name[24];

	while (l > 1) {
		uint64_t pfn = xt_new_table_page();
		long rc;

		if (pfn == XT_INVALID)
			return -SHALE_ENOMEM;
		rc = xt_set_pte(w.entry_maddr[l], (xt_pfn_to_mfn(pfn) << 12) | XT_PT_TABLE);
		if (rc) {
			xt_error("linking a new L%u table for 0x%lx: mmu_update gave %s", l - 1, va,
				 xt_rc_name(rc, name, sizeof(name)));
			return rc;
		}
		l = xt_walk(va, &w);
	}
	return 0;
}

uint64_t xt_scratch_l1e(unsigned int i)
{
	uint64_t va = XT_SCRATCH_VA + i * PAGE_SIZE;

	if (xt_ensure_l1(va))
		xt_finish();
	return xt_l1e_maddr(va);
}

uint64_t xt_max_mfn(void)
{
	struct shale_machphys_mapping m;
	long rc = hc_memory_op(SHALE_MEMOP_machphys_mapping, &m);
	char name[24];

	if (rc) {
		xt_error("memory_op(machphys_mapping) gave %s", xt_rc_name(rc, name, sizeof(name)));
		xt_finish();
	}
	return m.max_mfn;
}

/* Maps mfn writable at XT_SCRATCH_VA; finishes with ERROR if that is refused. */
static volatile uint64_t *map_scratch(uint64_t mfn)
{
	char name[24];
	long rc;

	xt_scratch_l1e(0);
	rc = hc_update_va_mapping(XT_SCRATCH_VA, xt_pte(mfn, true), SHALE_UVMF_INVLPG);
	if (rc) {
		xt_error("mapping mfn 0x%lx at the scratch address gave %s", mfn,
			 xt_rc_name(rc, name, sizeof(name)));
		xt_finish();
	}
	return (volatile uint64_t *)XT_SCRATCH_VA;
}

static void unmap_scratch(void)
{
	hc_update_va_mapping(XT_SCRATCH_VA, 0, SHALE_UVMF_INVLPG);
}

void xt_fill_frames(const uint64_t *mfns, unsigned int n, uint64_t pattern)
{
	for (unsigned int i = 0; i < n; i++) {
		volatile uint64_t *w = map_scratch(mfns[i]);

		for (unsigned int j = 0; j < PAGE_SIZE / 8; j++)
			w[j] = pattern ^ j;
	}
	unmap_scratch();
}

uint64_t xt_nonzero_words(const uint64_t *mfns, unsigned int n)
{
	uint64_t nonzero = 0;

	for (unsigned int i = 0; i < n; i++) {
		volatile uint64_t *w = map_scratch(mfns[i]);

		for (unsigned int j = 0; j < PAGE_SIZE / 8; j++)
			nonzero += w[j] != 0;
	}
	unmap_scratch();
	return nonzero;
}
