/* SPDX-License-Identifier: MIT */
/*
 * grant_table_op: setup_table, query_size, map_grant_ref, unmap_grant_ref
 * and copy (include/public/grant_table.h), and the grant side of domain
 * teardown. Entries and pins are grant_pin.c's; the rules for how grant
 * mappings meet page tables and references are in docs/MEMORY.md.
 *
 * Batched sub-ops run GNTTAB_STEP structures per hypercall entry and then
 * continue with the rest of the array (each structure carries its own
 * status, so the arguments themselves say how far the batch got).
 */
#include <arch/page.h>
#include <public/multicall.h>
#include <string.h>
#include "grant_pin.h"
#include "guest_access.h"
#include "hypercall.h"
#include "mm.h"
#include "mm_rules.h"
#include "printk.h"

#define GNTTAB_STEP	64	/* batched structures per hypercall entry */

/* What a live grant mapping's L1 entry holds besides the frame. */
#define GRANT_PTE_RO	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX | PTE_GRANT_MAP)
#define GRANT_PTE_RW	(GRANT_PTE_RO | _PAGE_RW | _PAGE_DIRTY)

static void *alloc_hv_page(enum page_type type)
{
	mfn_t mfn = frame_alloc(OWNER_HV);

	if (mfn == INVALID_MFN)
		return NULL;
	mfn_to_page(mfn)->type = type;
	return mfn_to_virt(mfn);
}

static struct grant_table *table_of(struct domain *d)
{
	if (!d->grant_table)
		d->grant_table = alloc_hv_page(PGT_HV);
	return d->grant_table;
}

/* The granter a structure names: the caller for SELF, else any live domain. */
static struct domain *granter_of(struct domain *caller, shale_domid_t id)
{
	struct domain *g = id == SHALE_DOMID_SELF ? caller : domain_lookup(id);

	return g && g->state != DOMAIN_DYING ? g : NULL;
}

/* setup_table */

static int16_t grow_table(struct domain *d, unsigned int nr_frames)
{
	struct grant_table *gt = table_of(d);

	if (nr_frames > SHALE_GNTTAB_MAX_FRAMES || !gt)
		return SHALE_GNTST_general_error;
	while (gt->nr_frames < nr_frames) {
		void *frame = alloc_hv_page(PGT_GRANT_TABLE);
		struct grant_active *act = alloc_hv_page(PGT_HV);

		if (!frame || !act) {
			if (frame)
				frame_free(virt_to_mfn(frame));
			if (act)
				frame_free(virt_to_mfn(act));
			return SHALE_GNTST_general_error;
		}
		gt->active[gt->nr_frames] = act;
		gt->frames[gt->nr_frames++] = virt_to_mfn(frame);
	}
	return SHALE_GNTST_okay;
}

static long gnttab_setup_table(uint64_t arg)
{
	struct shale_gnttab_setup_table op;
	struct domain *d;
	long rc;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	rc = domain_for_op(current_domain(), op.dom, &d);
	if (rc)
		return rc;
	op.status = grow_table(d, op.nr_frames);
	for (unsigned int i = 0; op.status == SHALE_GNTST_okay && i < op.nr_frames; i++)
		if (copy_to_guest(op.frame_list + i * sizeof(uint64_t), &d->grant_table->frames[i],
				  sizeof(uint64_t)))
			return -EFAULT;
	return copy_to_guest(arg + offsetof(struct shale_gnttab_setup_table, status), &op.status,
			     sizeof(op.status));
}

static long gnttab_query_size(uint64_t arg)
{
	struct shale_gnttab_query_size op;
	struct domain *d;
	long rc;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	rc = domain_for_op(current_domain(), op.dom, &d);
	if (rc)
		return rc;
	op.nr_frames = d->grant_table ? d->grant_table->nr_frames : 0;
	op.max_nr_frames = SHALE_GNTTAB_MAX_FRAMES;
	op.status = SHALE_GNTST_okay;
	return copy_to_guest(arg, &op, sizeof(op));
}

/* The map table (maptrack) */

static struct grant_map *map_record(struct grant_table *gt, uint32_t handle)
{
	struct grant_map *page;

	if (handle >= SHALE_GNTTAB_MAX_MAPS)
		return NULL;
	page = gt->maps[handle / GNTTAB_MAPS_PER_PAGE];
	return page ? &page[handle % GNTTAB_MAPS_PER_PAGE] : NULL;
}

/* A free record (allocating its page if needed): its handle, or -1 when all are used. */
static long alloc_map_record(struct grant_table *gt)
{
	for (uint32_t h = gt->map_hint; h < SHALE_GNTTAB_MAX_MAPS; h++) {
		struct grant_map **page = &gt->maps[h / GNTTAB_MAPS_PER_PAGE];

		if (!*page)
			*page = alloc_hv_page(PGT_HV);
		if (!*page)
			return -1;
		if (!(*page)[h % GNTTAB_MAPS_PER_PAGE].pte_maddr) {
			gt->map_hint = h;
			return h;
		}
	}
	gt->map_hint = SHALE_GNTTAB_MAX_MAPS;
	return -1;
}

static void free_map_record(struct grant_table *gt, uint32_t handle)
{
	map_record(gt, handle)->pte_maddr = 0;
	gt->nr_maps--;
	if (handle < gt->map_hint)
		gt->map_hint = handle;
}

/* Ends a mapping whose entry is already cleared: the granter's pin, the record. */
static void end_mapping(struct grant_table *gt, uint32_t handle)
{
	struct grant_map m = *map_record(gt, handle);
	struct domain *granter = domain_lookup(m.granter);

	free_map_record(gt, handle);
	/* The pin holds a frame of the granter's, so the granter exists (perhaps dying). */
	ASSERT(granter);
	gnttab_unpin(granter, m.ref, m.writable);
}

/* map_grant_ref */

static int16_t find_free_pte(struct vcpu *v, uint64_t va, paddr_t *maddr)
{
	if ((va & (PAGE_SIZE - 1)) || !guest_range_ok(va, PAGE_SIZE) ||
	    pt_l1_entry_of(v->cr3_mfn, va, maddr))
		return SHALE_GNTST_bad_virt_addr;
	if (*(uint64_t *)__va(*maddr) & _PAGE_PRESENT)
		return SHALE_GNTST_bad_virt_addr;
	return SHALE_GNTST_okay;
}

static int16_t map_one(struct vcpu *v, struct shale_gnttab_map_grant_ref *op)
{
	struct domain *d = v->domain, *granter;
	bool writable = !(op->flags & SHALE_GNTMAP_readonly);
	struct grant_table *gt;
	struct grant_map *m;
	paddr_t maddr;
	int16_t st;
	long handle;
	mfn_t mfn;

	if (op->flags & ~(uint32_t)(SHALE_GNTMAP_host_map | SHALE_GNTMAP_readonly) ||
	    !(op->flags & SHALE_GNTMAP_host_map))
		return SHALE_GNTST_general_error;
	granter = granter_of(d, op->dom);
	if (!granter)
		return SHALE_GNTST_bad_domain;
	st = find_free_pte(v, op->host_addr, &maddr);
	if (st)
		return st;
	gt = table_of(d);
	handle = gt ? alloc_map_record(gt) : -1;
	if (handle < 0)
		return SHALE_GNTST_no_space;
	st = gnttab_pin(granter, op->ref, d->domid, writable, &mfn);
	if (st)
		return st;
	m = map_record(gt, handle);
	*m = (struct grant_map){ .pte_maddr = maddr, .ref = op->ref, .granter = granter->domid,
				 .writable = writable };
	gt->nr_maps++;
	__atomic_store_n((uint64_t *)__va(maddr), (mfn << PAGE_SHIFT) |
			 (writable ? GRANT_PTE_RW : GRANT_PTE_RO), __ATOMIC_RELEASE);
	op->handle = (uint32_t)handle;
	return SHALE_GNTST_okay;
}

/* unmap_grant_ref */

static int16_t unmap_one(struct vcpu *v, struct shale_gnttab_unmap_grant_ref *op)
{
	struct grant_table *gt = v->domain->grant_table;
	struct grant_map *m = gt ? map_record(gt, op->handle) : NULL;
	uint64_t *pte;
	paddr_t maddr;

	if (!m || !m->pte_maddr)
		return SHALE_GNTST_bad_handle;
	if ((op->host_addr & (PAGE_SIZE - 1)) || !guest_range_ok(op->host_addr, PAGE_SIZE) ||
	    pt_l1_entry_of(v->cr3_mfn, op->host_addr, &maddr) || maddr != m->pte_maddr)
		return SHALE_GNTST_bad_virt_addr;
	pte = __va(maddr);
	ASSERT(pte_is_grant_map(1, *pte));
	__atomic_store_n(pte, 0, __ATOMIC_RELEASE);
	invlpg(op->host_addr);
	end_mapping(gt, op->handle);
	return SHALE_GNTST_okay;
}

/* copy */

struct copy_side {
	struct domain *granter;		/* NULL for a frame of the caller's */
	shale_grant_ref_t ref;
	mfn_t mfn;
};

static int16_t acquire_side(struct domain *d, const struct shale_gnttab_copy_ptr *p, bool gref,
			    bool write, struct copy_side *s)
{
	if (!gref) {
		s->granter = NULL;
		s->mfn = p->u.mfn;
		if (p->domid != SHALE_DOMID_SELF)
			return SHALE_GNTST_bad_domain;
		return gnttab_hold_frame(d, s->mfn, write);
	}
	s->granter = granter_of(d, p->domid);
	s->ref = p->u.ref;
	if (!s->granter)
		return SHALE_GNTST_bad_domain;
	return gnttab_pin(s->granter, s->ref, d->domid, write, &s->mfn);
}

static void release_side(const struct copy_side *s, bool write)
{
	if (s->granter)
		gnttab_unpin(s->granter, s->ref, write);
	else
		gnttab_drop_frame(s->mfn, write);
}

static int16_t copy_one(struct vcpu *v, struct shale_gnttab_copy *op)
{
	const uint16_t known = SHALE_GNTCOPY_source_gref | SHALE_GNTCOPY_dest_gref;
	struct copy_side src, dst;
	int16_t st;

	if ((op->flags & ~known) || op->pad || op->source.pad || op->dest.pad ||
	    op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE)
		return SHALE_GNTST_bad_copy_arg;
	st = acquire_side(v->domain, &op->source, op->flags & SHALE_GNTCOPY_source_gref, false,
			  &src);
	if (st)
		return st;
	st = acquire_side(v->domain, &op->dest, op->flags & SHALE_GNTCOPY_dest_gref, true, &dst);
	if (st) {
		release_side(&src, false);
		return st;
	}
	memmove((char *)mfn_to_virt(dst.mfn) + op->dest.offset,
		(const char *)mfn_to_virt(src.mfn) + op->source.offset, op->len);
	release_side(&dst, true);
	release_side(&src, false);
	return SHALE_GNTST_okay;
}

/* Batches */

struct batch_kind {
	size_t size;		/* of one structure */
	size_t out_offset;	/* where its OUT fields start */
	size_t out_len;		/* and how many bytes they take */
	int16_t (*one)(struct vcpu *v, void *op);	/* returns the status */
};

static int16_t map_entry(struct vcpu *v, void *op)
{
	struct shale_gnttab_map_grant_ref *map = op;

	map->handle = UINT32_MAX;	/* what a failed map reports */
	return map_one(v, map);
}

static int16_t unmap_entry(struct vcpu *v, void *op)
{
	return unmap_one(v, op);
}

static int16_t copy_entry(struct vcpu *v, void *op)
{
	return copy_one(v, op);
}

static const struct batch_kind batch_kinds[] = {
	[SHALE_GNTTABOP_map_grant_ref] = {
		sizeof(struct shale_gnttab_map_grant_ref),
		offsetof(struct shale_gnttab_map_grant_ref, status), 6, map_entry },
	[SHALE_GNTTABOP_unmap_grant_ref] = {
		sizeof(struct shale_gnttab_unmap_grant_ref),
		offsetof(struct shale_gnttab_unmap_grant_ref, status), 2, unmap_entry },
	[SHALE_GNTTABOP_copy] = {
		sizeof(struct shale_gnttab_copy),
		offsetof(struct shale_gnttab_copy, status), 2, copy_entry },
};

_Static_assert(offsetof(struct shale_gnttab_map_grant_ref, handle) ==
	       offsetof(struct shale_gnttab_map_grant_ref, status) + 2,
	       "map_grant_ref's OUT fields are adjacent");

union batch_op {
	struct shale_gnttab_map_grant_ref map;
	struct shale_gnttab_unmap_grant_ref unmap;
	struct shale_gnttab_copy copy;
};

static long run_batch(unsigned int cmd, uint64_t ops, unsigned int count)
{
	const struct batch_kind *k = &batch_kinds[cmd];
	struct vcpu *v = current_vcpu();

	if (count > SHALE_GNTTAB_MAX_COUNT ||
	    (!hypercall_can_continue() && count > SHALE_MULTICALL_MAX_BATCH))
		return -E2BIG;
	for (unsigned int i = 0; i < count; i++) {
		uint64_t addr = ops + i * k->size;
		union batch_op op;
		unsigned long flags;
		int16_t status;

		if (i == GNTTAB_STEP && hypercall_can_continue()) {
			const uint64_t next[6] = { cmd, addr, count - i };

			return hypercall_continue(SHALE_HYPERCALL_grant_table_op, next, 0);
		}
		if (copy_from_guest(&op, addr, k->size))
			return -EFAULT;
		flags = mm_lock_irqsave();
		status = k->one(v, &op);
		mm_unlock_irqrestore(flags);
		memcpy((char *)&op + k->out_offset, &status, sizeof(status));
		if (copy_to_guest(addr + k->out_offset, (char *)&op + k->out_offset, k->out_len))
			return -EFAULT;
	}
	return 0;
}

long do_grant_table_op(unsigned int cmd, uint64_t ops, unsigned int count)
{
	unsigned long flags;
	long rc;

	switch (cmd) {
	case SHALE_GNTTABOP_map_grant_ref:
	case SHALE_GNTTABOP_unmap_grant_ref:
	case SHALE_GNTTABOP_copy:
		return run_batch(cmd, ops, count);
	case SHALE_GNTTABOP_setup_table:
		if (count != 1)
			return -EINVAL;
		flags = mm_lock_irqsave();
		rc = gnttab_setup_table(ops);
		mm_unlock_irqrestore(flags);
		return rc;
	case SHALE_GNTTABOP_query_size:
		return count == 1 ? gnttab_query_size(ops) : -EINVAL;
	default:
		return -ENOSYS;
	}
}

/* Teardown */

void gnttab_release_pte(mfn_t table_mfn, unsigned int slot)
{
	struct domain *d = domain_lookup(mfn_to_page(table_mfn)->owner);
	paddr_t maddr = (table_mfn << PAGE_SHIFT) | (slot * sizeof(uint64_t));
	struct grant_table *gt = d ? d->grant_table : NULL;

	/* The entry is unreachable once its table loses its type; clear it all the same. */
	__atomic_store_n((uint64_t *)__va(maddr), 0, __ATOMIC_RELEASE);
	flush_tlb_local();
	for (uint32_t h = 0; gt && gt->nr_maps && h < SHALE_GNTTAB_MAX_MAPS; h++) {
		struct grant_map *m = map_record(gt, h);

		if (m && m->pte_maddr == maddr) {
			end_mapping(gt, h);
			return;
		}
	}
	pr_err("d%u: grant mapping at %lx has no record\n", d ? d->domid : 0xffff, maddr);
}

void gnttab_release_mappings(struct domain *d)
{
	struct grant_table *gt = d->grant_table;

	for (uint32_t h = 0; gt && gt->nr_maps && h < SHALE_GNTTAB_MAX_MAPS; h++) {
		struct grant_map *m = map_record(gt, h);

		if (m && m->pte_maddr) {
			pr_err("d%u: grant handle %u outlived its page table\n", d->domid, h);
			end_mapping(gt, h);
		}
	}
}

static void free_hv_frame(void *p)
{
	if (p)
		frame_free(virt_to_mfn(p));
}

void gnttab_free(struct domain *d)
{
	struct grant_table *gt = d->grant_table;

	if (!gt)
		return;
	for (unsigned int i = 0; i < gt->nr_frames; i++) {
		/* Someone still maps it (a privileged foreign mapping): keep it, as shared_info. */
		if (mfn_to_page(gt->frames[i])->count > 1)
			pr_err("d%u: grant frame %lx still mapped elsewhere; kept\n", d->domid,
			       gt->frames[i]);
		else
			frame_free(gt->frames[i]);
		free_hv_frame(gt->active[i]);
	}
	for (unsigned int i = 0; i < GNTTAB_MAP_PAGES; i++)
		free_hv_frame(gt->maps[i]);
	free_hv_frame(gt);
	d->grant_table = NULL;
}
