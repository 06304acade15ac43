/* SPDX-License-Identifier: MIT */
/* The kernel's own page tables: built and switched to at start of day; mappings made later. */
#include <console.h>
#include <hypercall.h>
#include <kernel.h>
#include <mm.h>
#include <pagetable.h>
#include <string.h>
#include <public/arch-x86_64.h>

/* update_va_mapping calls per multicall when remapping runs of pages. */
#define REMAP_BATCH	32

/*
 * The set pt_init() builds, as one run of pfns: the L4 first, then the L3s,
 * L2s and L1s that cover [start, end), table i of level l at pfn
 * base_pfn + first[l] + i (the bootstrap tables use the same order).
 */
struct pt_plan {
	uint64_t start, end;
	unsigned long nr[5], first[5], total;
	uint64_t base_pfn;
	uint64_t boot_pfn;		/* the bootstrap tables, to map read-only too */
	unsigned long boot_frames;
};

static uint64_t l4_mfn;
static unsigned long nr_frames, boot_freed;

/* log2 of what one entry of a level-l table maps (12 for L1), and of what the table maps. */
static unsigned int entry_shift(unsigned int level)
{
	return PAGE_SHIFT + 9 * (level - 1);
}

static unsigned int table_shift(unsigned int level)
{
	return entry_shift(level) + 9;
}

static unsigned int pt_index(uint64_t va, unsigned int level)
{
	return (va >> entry_shift(level)) & (PT_ENTRIES - 1);
}

static uint64_t pte_mfn(uint64_t pte)
{
	return (pte & SHALE_PTE_ADDR_MASK) >> PAGE_SHIFT;
}

uint64_t pt_l4_mfn(void)
{
	return l4_mfn;
}

unsigned long pt_nr_frames(void)
{
	return nr_frames;
}

unsigned long pt_bootstrap_freed(void)
{
	return boot_freed;
}

static long mmuext(unsigned int cmd, uint64_t arg1)
{
	struct shale_mmuext_op op = { .cmd = cmd, .arg1 = arg1 };

	return HYPERVISOR_mmuext_op(&op, 1, NULL, SHALE_DOMID_SELF);
}

/*
 * Points the linear-map entries of pfns first .. first+n-1 at their own
 * frames again, read-only or writable, in the current tables: a page is
 * made read-only before it becomes a table and writable once it is plain
 * memory again. *done receives how many were remapped before the first
 * refusal. Returns 0 or that refusal.
 */
static long remap_linear(uint64_t first, unsigned long n, bool writable, unsigned long *done)
{
	struct shale_multicall_entry calls[REMAP_BATCH];
	uint64_t flags = writable ? PTE_LEAF_RW : PTE_LEAF_RO;
	unsigned long i, cnt;
	long rc;

	for (*done = 0; *done < n; *done += cnt) {
		cnt = MIN(n - *done, (unsigned long)REMAP_BATCH);
		memset(calls, 0, cnt * sizeof(calls[0]));
		for (i = 0; i < cnt; i++) {
			uint64_t pfn = first + *done + i;

			calls[i].op = SHALE_HYPERCALL_update_va_mapping;
			calls[i].args[0] = (uintptr_t)pfn_to_virt(pfn);
			calls[i].args[1] = (pfn_to_mfn(pfn) << PAGE_SHIFT) | flags;
			calls[i].args[2] = SHALE_UVMF_INVLPG;
		}
		rc = HYPERVISOR_multicall(calls, cnt);
		if (rc < 0)
			return rc;
		for (i = 0; i < cnt; i++) {
			if (calls[i].result < 0) {
				*done += i;
				return calls[i].result;
			}
		}
	}
	return 0;
}

static unsigned long tables_for(const struct pt_plan *p, unsigned int level)
{
	unsigned int s = table_shift(level);

	return ((p->end - 1) >> s) - (p->start >> s) + 1;
}

static void plan_compute(struct pt_plan *p)
{
	uint64_t linear_end = start_info->virt_base + start_info->nr_pages * PAGE_SIZE;

	p->start = start_info->virt_base;
	p->end = MAX(linear_end, start_info->shared_info_va + PAGE_SIZE);
	p->nr[4] = 1;
	p->first[4] = 0;
	p->total = 1;
	for (unsigned int level = 3; level >= 1; level--) {
		p->nr[level] = tables_for(p, level);
		p->first[level] = p->total;
		p->total += p->nr[level];
	}
	p->boot_pfn = virt_to_pfn((const void *)(uintptr_t)start_info->pt_base);
	p->boot_frames = start_info->nr_pt_frames;
}

/* The table of the plan at level that covers va. */
static uint64_t *plan_table(const struct pt_plan *p, unsigned int level, uint64_t va)
{
	unsigned int s = table_shift(level);

	return pfn_to_virt(p->base_pfn + p->first[level] + (va >> s) - (p->start >> s));
}

static bool plan_is_table(const struct pt_plan *p, uint64_t pfn)
{
	return (pfn >= p->base_pfn && pfn < p->base_pfn + p->total) ||
	       (pfn >= p->boot_pfn && pfn < p->boot_pfn + p->boot_frames);
}

/* The leaf entry for va in the new linear mapping (0 in a hole before shared_info). */
static uint64_t plan_leaf(const struct pt_plan *p, uint64_t va)
{
	uint64_t pfn = (va - p->start) >> PAGE_SHIFT;

	if (pfn < start_info->nr_pages)
		return (pfn_to_mfn(pfn) << PAGE_SHIFT) |
		       (plan_is_table(p, pfn) ? PTE_LEAF_RO : PTE_LEAF_RW);
	if (va == start_info->shared_info_va)
		return (start_info->shared_info_mfn << PAGE_SHIFT) | PTE_LEAF_RW;
	return 0;
}

/*
 * Writes the new tables while they are still ordinary writable pages. The
 * L4's hypervisor slots stay 0: the hypervisor fills them when it
 * validates the L4.
 */
static void plan_fill(const struct pt_plan *p)
{
	unsigned int level;
	uint64_t va;

	memset(pfn_to_virt(p->base_pfn), 0, p->total * PAGE_SIZE);
	for (level = 4; level > 1; level--) {
		unsigned int cs = table_shift(level - 1);

		for (unsigned long k = 0; k < p->nr[level - 1]; k++) {
			uint64_t child_va = ((p->start >> cs) + k) << cs;
			uint64_t child_pfn = p->base_pfn + p->first[level - 1] + k;

			plan_table(p, level, child_va)[pt_index(child_va, level)] =
				(pfn_to_mfn(child_pfn) << PAGE_SHIFT) | PTE_TABLE;
		}
	}
	for (va = p->start; va < p->end; va += PAGE_SIZE)
		plan_table(p, 1, va)[pt_index(va, 1)] = plan_leaf(p, va);
}

static __noreturn void switch_failed(const char *step, uint64_t mfn, long rc)
{
	printk("mm: cannot switch to own page tables: %s (mfn %#llx) failed (error %ld)\n",
	       step, (unsigned long long)mfn, rc);
	guest_crash("page-table switch refused by the hypervisor");
}

/*
 * Once nothing uses the bootstrap tables as tables (the builder pinned the
 * L4; without a pin NEW_BASEPTR dropped the last use and unpin says
 * -EINVAL), they can be mapped writable and reused. Frames the hypervisor
 * still refuses to map writable stay out of the allocator.
 */
static void release_bootstrap(const struct pt_plan *p)
{
	uint64_t old_l4 = pfn_to_mfn(p->boot_pfn);
	unsigned long done;
	long rc = mmuext(SHALE_MMUEXT_UNPIN_TABLE, old_l4);

	if (rc < 0 && rc != -SHALE_EINVAL) {
		printk("mm: unpinning the bootstrap L4 (mfn %#llx) failed (error %ld); "
		       "its frames are not reused\n", (unsigned long long)old_l4, rc);
		return;
	}
	rc = remap_linear(p->boot_pfn, p->boot_frames, true, &done);
	if (rc < 0)
		printk("mm: bootstrap table pfn %#llx stays read-only (error %ld); "
		       "reusing the %lu frames before it\n",
		       (unsigned long long)(p->boot_pfn + done), rc, done);
	if (done)
		mm_add_free_pages(p->boot_pfn, done);
	boot_freed = done;
}

void pt_init(void)
{
	struct pt_plan p;
	unsigned long done;
	uint64_t new_l4;
	void *run;
	long rc;

	l4_mfn = pfn_to_mfn(virt_to_pfn((const void *)(uintptr_t)start_info->pt_base));
	nr_frames = start_info->nr_pt_frames;
	plan_compute(&p);
	run = alloc_pages(p.total);
	if (!run) {
		printk("mm: no %lu contiguous pages for the page tables\n", p.total);
		guest_crash("no memory for page tables");
	}
	p.base_pfn = virt_to_pfn(run);
	plan_fill(&p);
	new_l4 = pfn_to_mfn(p.base_pfn);
	rc = remap_linear(p.base_pfn, p.total, false, &done);
	if (rc < 0)
		switch_failed("update_va_mapping read-only", pfn_to_mfn(p.base_pfn + done), rc);
	rc = mmuext(SHALE_MMUEXT_PIN_L4_TABLE, new_l4);
	if (rc < 0)
		switch_failed("mmuext PIN_L4_TABLE", new_l4, rc);
	rc = mmuext(SHALE_MMUEXT_NEW_BASEPTR, new_l4);
	if (rc < 0)
		switch_failed("mmuext NEW_BASEPTR", new_l4, rc);
	l4_mfn = new_l4;
	nr_frames = p.total;
	release_bootstrap(&p);
	printk("guest: running on its own page tables: L4 mfn %#llx, %lu table frames, "
	       "%lu bootstrap frames freed\n", (unsigned long long)l4_mfn, nr_frames, boot_freed);
}

/* The table below entry pt_index(va, level) of table mfn, or 0 if absent. */
static uint64_t next_table(uint64_t mfn, unsigned int level, uint64_t va)
{
	const uint64_t *t = mfn_to_virt(mfn);
	uint64_t e;

	if (!t)
		return 0;
	e = t[pt_index(va, level)];
	return (e & SHALE_PTE_PRESENT) ? pte_mfn(e) : 0;
}

uint64_t pt_lookup(unsigned long va)
{
	uint64_t mfn = l4_mfn;
	const uint64_t *l1;

	for (unsigned int level = 4; level > 1 && mfn; level--)
		mfn = next_table(mfn, level, va);
	l1 = mfn ? mfn_to_virt(mfn) : NULL;
	return l1 ? l1[pt_index(va, 1)] : 0;
}

/* A zeroed level-(level-1) table linked into entry pt_index(va, level) of parent. */
static long new_table(uint64_t parent, unsigned int level, uint64_t va, uint64_t *mfn)
{
	void *page = alloc_page();
	uint64_t pfn;
	struct shale_mmu_update u;
	unsigned long done;
	long rc;

	if (!page)
		return -SHALE_ENOMEM;
	memset(page, 0, PAGE_SIZE);
	pfn = virt_to_pfn(page);
	*mfn = pfn_to_mfn(pfn);
	rc = remap_linear(pfn, 1, false, &done);
	if (rc < 0) {
		free_page(page);
		return rc;
	}
	u.ptr = (parent << PAGE_SHIFT) + pt_index(va, level) * sizeof(uint64_t) +
		SHALE_MMU_NORMAL_PT_UPDATE;
	u.val = (*mfn << PAGE_SHIFT) | PTE_TABLE;
	rc = HYPERVISOR_mmu_update(&u, 1, NULL, SHALE_DOMID_SELF);
	if (rc == 0) {
		nr_frames++;
		return 0;
	}
	/* A read-only page in the allocator would fault its next user: keep it out. */
	if (remap_linear(pfn, 1, true, &done) == 0)
		free_page(page);
	else
		printk("mm: pfn %#llx stays read-only after a refused table link\n",
		       (unsigned long long)pfn);
	return rc;
}

/* The L1 that covers va, creating missing tables on the way when create is set. */
static long walk_to_l1(uint64_t va, bool create, uint64_t *l1)
{
	uint64_t mfn = l4_mfn;

	for (unsigned int level = 4; level > 1; level--) {
		uint64_t next = next_table(mfn, level, va);
		long rc;

		if (!next && !create)
			return -SHALE_ENOENT;
		if (!next) {
			rc = new_table(mfn, level, va, &next);
			if (rc < 0)
				return rc;
		}
		mfn = next;
	}
	*l1 = mfn;
	return 0;
}

static bool in_range_area(uint64_t va)
{
	return va >= FOREIGN_AREA_START && va < FOREIGN_AREA_END;
}

/*
 * Page aligned, somewhere a guest may map, and not in the linear mapping,
 * its shared_info or the area map_foreign_range() manages.
 */
static bool map_va_ok(uint64_t va)
{
	uint64_t linear_start = start_info->virt_base;
	uint64_t linear_end = MAX(linear_start + start_info->nr_pages * PAGE_SIZE,
				  start_info->shared_info_va + PAGE_SIZE);

	if (va & (PAGE_SIZE - 1))
		return false;
	if ((va >= linear_start && va < linear_end) || in_range_area(va))
		return false;
	return va < SHALE_GUEST_LOW_END ||
	       (va >= SHALE_HYPERVISOR_VIRT_END && va < SHALE_HYPERVISOR_IMAGE_START);
}

int map_frame(unsigned long va, uint64_t mfn, bool writable)
{
	uint64_t l1;
	long rc;

	if (!map_va_ok(va))
		return -SHALE_EINVAL;
	rc = walk_to_l1(va, true, &l1);
	if (rc < 0)
		return rc;
	return HYPERVISOR_update_va_mapping(va, (mfn << PAGE_SHIFT) |
					    (writable ? PTE_LEAF_RW : PTE_LEAF_RO),
					    SHALE_UVMF_INVLPG);
}

int pt_prepare(unsigned long va)
{
	uint64_t l1;
	long rc;

	if (!map_va_ok(va))
		return -SHALE_EINVAL;
	rc = walk_to_l1(va, true, &l1);
	return rc < 0 ? (int)rc : 0;
}

int unmap_frame(unsigned long va)
{
	const uint64_t *t;
	uint64_t l1;
	long rc;

	if (!map_va_ok(va))
		return -SHALE_EINVAL;
	rc = walk_to_l1(va, false, &l1);
	if (rc < 0)
		return rc;
	t = mfn_to_virt(l1);
	if (!t || !(t[pt_index(va, 1)] & SHALE_PTE_PRESENT))
		return -SHALE_ENOENT;
	return HYPERVISOR_update_va_mapping(va, 0, SHALE_UVMF_INVLPG);
}

static long invlpg(uint64_t va)
{
	return mmuext(SHALE_MMUEXT_INVLPG_LOCAL, va);
}

/* Machine address of the L1 entry for va in table l1 (for mmu_update). */
static uint64_t l1_entry_maddr(uint64_t l1, uint64_t va)
{
	return (l1 << PAGE_SHIFT) + pt_index(va, 1) * sizeof(uint64_t);
}

static uint64_t leaf_flags(bool writable)
{
	return writable ? PTE_LEAF_RW : PTE_LEAF_RO;
}

/* mmu_update sets one L1 entry to map mfn, a frame of domid (checked by the hypervisor). */
static long set_foreign_entry(uint64_t va, shale_domid_t domid, uint64_t mfn, bool writable,
			      bool create)
{
	struct shale_mmu_update u;
	const uint64_t *t;
	uint64_t l1, old;
	long rc = walk_to_l1(va, create, &l1);

	if (rc < 0)
		return rc;
	t = mfn_to_virt(l1);
	old = t ? t[pt_index(va, 1)] : 0;
	u.ptr = l1_entry_maddr(l1, va) | SHALE_MMU_NORMAL_PT_UPDATE;
	u.val = (mfn << PAGE_SHIFT) | leaf_flags(writable);
	rc = HYPERVISOR_mmu_update(&u, 1, NULL, domid);
	/* A translation of the old frame may be cached; a not-present entry never is. */
	if (rc == 0 && (old & SHALE_PTE_PRESENT))
		rc = invlpg(va);
	return rc;
}

int map_foreign_frame(unsigned long va, shale_domid_t domid, uint64_t mfn, bool writable)
{
	if (!map_va_ok(va))
		return -SHALE_EINVAL;
	return (int)set_foreign_entry(va, domid, mfn, writable, true);
}

/*
 * The range area's free space: sorted, non-adjacent extents of pages
 * (offsets from FOREIGN_AREA_START). First fit; freeing merges neighbours.
 */
#define RANGE_AREA_PAGES	((FOREIGN_AREA_END - FOREIGN_AREA_START) >> PAGE_SHIFT)
#define RANGE_EXTENTS_MAX	128

struct extent {
	uint64_t first, n;
};

static struct extent free_ext[RANGE_EXTENTS_MAX] = { { 0, RANGE_AREA_PAGES } };
static unsigned int nr_free_ext = 1;
static unsigned long range_pages_mapped, range_pages_lost;

static void ext_remove(unsigned int i)
{
	memmove(&free_ext[i], &free_ext[i + 1], (nr_free_ext - i - 1) * sizeof(free_ext[0]));
	nr_free_ext--;
}

/* First page offset of n free pages, taken out of the free extents; -1 if none. */
static int64_t range_alloc(uint64_t n)
{
	for (unsigned int i = 0; i < nr_free_ext; i++) {
		uint64_t first = free_ext[i].first;

		if (free_ext[i].n < n)
			continue;
		free_ext[i].first += n;
		free_ext[i].n -= n;
		if (!free_ext[i].n)
			ext_remove(i);
		return first;
	}
	return -1;
}

/* True when no page of [first, first + n) is free: it was handed out. */
static bool range_allocated(uint64_t first, uint64_t n)
{
	if (first >= RANGE_AREA_PAGES || n > RANGE_AREA_PAGES - first)
		return false;
	for (unsigned int i = 0; i < nr_free_ext; i++)
		if (free_ext[i].first < first + n && first < free_ext[i].first + free_ext[i].n)
			return false;
	return true;
}

static void range_free(uint64_t first, uint64_t n)
{
	unsigned int i = 0;

	while (i < nr_free_ext && free_ext[i].first < first)
		i++;
	/* Merge with the extent before, the one after, or both. */
	if (i > 0 && free_ext[i - 1].first + free_ext[i - 1].n == first) {
		free_ext[i - 1].n += n;
		if (i < nr_free_ext && first + n == free_ext[i].first) {
			free_ext[i - 1].n += free_ext[i].n;
			ext_remove(i);
		}
		return;
	}
	if (i < nr_free_ext && first + n == free_ext[i].first) {
		free_ext[i].first = first;
		free_ext[i].n += n;
		return;
	}
	if (nr_free_ext == RANGE_EXTENTS_MAX) {
		/* Too fragmented to remember: the address space is lost, not the frames. */
		range_pages_lost += n;
		return;
	}
	memmove(&free_ext[i + 1], &free_ext[i], (nr_free_ext - i) * sizeof(free_ext[0]));
	free_ext[i] = (struct extent){ first, n };
	nr_free_ext++;
}

static uint64_t range_va(uint64_t page)
{
	return FOREIGN_AREA_START + (page << PAGE_SHIFT);
}

/* Requests per mmu_update: one L1 table's worth at most, so they share a walk. */
#define RANGE_BATCH	64

/*
 * Writes the L1 entries of n pages from va: frames mfns[] of domid, or
 * nothing (mfns NULL, unmapping). Stops at the first refusal; *done counts
 * the entries written.
 */
static long set_range(uint64_t va, shale_domid_t domid, const uint64_t *mfns, uint64_t n,
		      bool writable, uint64_t *done)
{
	struct shale_mmu_update u[RANGE_BATCH];

	for (*done = 0; *done < n;) {
		uint64_t flags = leaf_flags(writable), at = va + (*done << PAGE_SHIFT), l1;
		unsigned int cnt = 0, applied = 0;
		long rc = walk_to_l1(at, mfns != NULL, &l1);

		if (rc == -SHALE_ENOENT && !mfns) {
			/* No table: nothing mapped in this 2 MiB; skip to the next one. */
			uint64_t left = PT_ENTRIES - pt_index(at, 1);

			*done = MIN(n, *done + left);
			continue;
		}
		if (rc < 0)
			return rc;
		while (cnt < RANGE_BATCH && *done + cnt < n &&
		       (cnt == 0 || pt_index(at + ((uint64_t)cnt << PAGE_SHIFT), 1) != 0)) {
			uint64_t a = at + ((uint64_t)cnt << PAGE_SHIFT);

			u[cnt].ptr = l1_entry_maddr(l1, a) | SHALE_MMU_NORMAL_PT_UPDATE;
			u[cnt].val = 0;
			if (mfns)
				u[cnt].val = (mfns[*done + cnt] << PAGE_SHIFT) | flags;
			cnt++;
		}
		rc = HYPERVISOR_mmu_update(u, cnt, &applied, mfns ? domid : SHALE_DOMID_SELF);
		*done += applied;
		if (rc < 0)
			return rc;
	}
	return 0;
}

void *map_foreign_range(shale_domid_t domid, const uint64_t *mfns, unsigned long n,
			bool writable, int *err)
{
	int64_t first;
	uint64_t va, done, undone;
	long rc;

	if (!mfns || n == 0 || n > RANGE_AREA_PAGES) {
		rc = -SHALE_EINVAL;
		goto out;
	}
	first = range_alloc(n);
	if (first < 0) {
		rc = -SHALE_ENOMEM;
		goto out;
	}
	va = range_va(first);
	rc = set_range(va, domid, mfns, n, writable, &done);
	if (rc == 0) {
		range_pages_mapped += n;
		if (err)
			*err = 0;
		return (void *)(uintptr_t)va;
	}
	/* Fresh entries were not present before: no stale translations to flush. */
	set_range(va, SHALE_DOMID_SELF, NULL, done, false, &undone);
	range_free(first, n);
out:
	if (err)
		*err = (int)rc;
	return NULL;
}

int unmap_range(void *va, unsigned long n)
{
	uint64_t a = (uintptr_t)va, first = (a - FOREIGN_AREA_START) >> PAGE_SHIFT, done;
	long rc, flush;

	if ((a & (PAGE_SIZE - 1)) || !in_range_area(a) || n == 0 || !range_allocated(first, n))
		return -SHALE_EINVAL;
	rc = set_range(a, SHALE_DOMID_SELF, NULL, n, false, &done);
	flush = mmuext(SHALE_MMUEXT_TLB_FLUSH_LOCAL, 0);
	if (rc < 0)
		return (int)rc;	/* some entries are still mapped: keep their addresses */
	range_free(first, n);
	range_pages_mapped -= n;
	return (int)flush;
}

void pt_range_stats(unsigned long *pages_mapped, unsigned long *free_extents,
		    unsigned long *pages_lost)
{
	*pages_mapped = range_pages_mapped;
	*free_extents = nr_free_ext;
	*pages_lost = range_pages_lost;
}
