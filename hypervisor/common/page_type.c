/* SPDX-License-Identifier: MIT */
/*
 * General and type references on frames, and validation of guest page
 * tables. The rules for single entries are in mm_rules.c; this file adds
 * what needs the frame table: ownership and the one-type-at-a-time rule.
 */
#include <arch/page.h>
#include <stdarg.h>
#include "grant_table.h"
#include "mm.h"
#include "mm_rules.h"
#include "printk.h"
#include "ratelimit.h"

static const char *const type_names[] = {
	[PGT_NONE] = "unused", [PGT_WRITABLE] = "writable", [PGT_L1] = "L1",
	[PGT_L2] = "L2", [PGT_L3] = "L3", [PGT_L4] = "L4",
	[PGT_SHARED_INFO] = "shared_info", [PGT_HV] = "hypervisor",
	[PGT_GRANT_TABLE] = "grant table",
};

/* Frames the hypervisor shares with one domain: mappable writable by it, never a table. */
static bool page_type_is_shared(unsigned int t)
{
	return t == PGT_SHARED_INFO || t == PGT_GRANT_TABLE;
}

void mm_refused(struct domain *d, const char *fmt, ...)
{
	static struct ratelimit limit = RATELIMIT_INIT(10, 1000000000ULL);
	char msg[160];
	va_list ap;

	if (!ratelimit_ok(&limit))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_warn("d%u: mm: %s\n", d->domid, msg);
}

int get_page(mfn_t mfn, struct domain *d)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domid && mfn != d->shared_info_mfn && !gnttab_frame_of(d, mfn))
		return -EPERM;
	if (pg->count == UINT32_MAX)
		return -EBUSY;
	pg->count++;
	return 0;
}

void put_page(mfn_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);
	struct domain *owner;

	ASSERT(pg->count > 1 || pg->owner == OWNER_HV);
	pg->count--;
	/* The last foreign reference to a destroyed domain's frame frees it. */
	if (pg->count == 1 && pg->type_count == 0 && pg->owner < SHALE_DOMID_FIRST_RESERVED) {
		owner = domain_lookup(pg->owner);
		if (owner && owner->state == DOMAIN_DYING)
			domain_reap_page(owner, mfn);
	}
}

/* A grant mapping's references belong to its record: the grant code ends it. */
static void release_entries(mfn_t mfn, unsigned int level, unsigned int upto)
{
	const uint64_t *t = mfn_to_virt(mfn);

	for (unsigned int slot = 0; slot < upto; slot++) {
		if (level == 4 && l4_slot_reserved(slot))
			continue;
		if (pte_is_grant_map(level, t[slot]))
			gnttab_release_pte(mfn, slot);
		else
			put_entry_refs(level, slot, t[slot]);
	}
}

/* Takes the references of every entry; on failure, gives back those taken. */
static int validate_table(struct domain *d, mfn_t mfn, unsigned int level)
{
	uint64_t *t = mfn_to_virt(mfn);

	for (unsigned int slot = 0; slot < 512; slot++) {
		int rc;

		if (level == 4 && l4_slot_reserved(slot))
			continue;
		rc = get_entry_refs(d, level, slot, t[slot], d);
		if (rc) {
			mm_refused(d, "L%u table mfn %lx: slot %u (%016lx) refused", level, mfn,
				   slot, t[slot]);
			release_entries(mfn, level, slot);
			return rc;
		}
	}
	if (level == 4)
		paging_fill_reserved_slots(t);
	return 0;
}

int get_page_type(mfn_t mfn, struct domain *d, enum page_type t)
{
	struct page_info *pg = mfn_to_page(mfn);
	int rc;

	if (page_type_is_shared(pg->type))
		return t == PGT_WRITABLE ? 0 : -EBUSY;
	if (pg->type_count == 0) {
		/* Set first: a table that refers to itself then meets a conflict. */
		pg->type = t;
		pg->type_count = 1;
		if (!page_type_is_table(t))
			return 0;
		rc = validate_table(d, mfn, t - PGT_L1 + 1);
		if (rc) {
			pg->type_count = 0;
			pg->type = PGT_NONE;
		}
		return rc;
	}
	if (pg->type != t) {
		mm_refused(d, "mfn %lx is in use as %s, not usable as %s", mfn,
			   type_names[pg->type], type_names[t]);
		return -EBUSY;
	}
	if (pg->type_count == UINT32_MAX)
		return -EBUSY;
	pg->type_count++;
	return 0;
}

void put_page_type(mfn_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);

	if (page_type_is_shared(pg->type))
		return;
	ASSERT(pg->type_count > 0);
	if (--pg->type_count)
		return;
	if (page_type_is_table(pg->type))
		release_entries(mfn, pg->type - PGT_L1 + 1, 512);
	pg->type = PGT_NONE;
	pg->flags &= ~PGF_PINNED;
	/* The TLB may still hold translations that relied on the old type. */
	raise_exit_work(EXIT_WORK_TLB_FLUSH);
}

int get_entry_refs(struct domain *d, unsigned int level, unsigned int slot, uint64_t pte,
		   struct domain *foreign)
{
	struct domain *owner = level == 1 ? foreign : d;
	const char *why;
	mfn_t mfn = pte_mfn(pte);
	int rc;

	if (!(pte & _PAGE_PRESENT))
		return 0;
	if (pte_check_flags(level, slot, pte, &why)) {
		mm_refused(d, "L%u entry %016lx: %s", level, pte, why);
		return -EINVAL;
	}
	rc = get_page(mfn, owner);
	if (rc) {
		mm_refused(d, "L%u entry %016lx: mfn %lx %s", level, pte, mfn,
			   rc == -EINVAL ? "is not RAM" : "is not the domain's");
		return rc;
	}
	if (level > 1)
		rc = get_page_type(mfn, d, table_type(level - 1));
	else if (pte & _PAGE_RW)
		rc = get_page_type(mfn, owner, PGT_WRITABLE);
	if (rc)
		put_page(mfn);
	return rc;
}

void put_entry_refs(unsigned int level, unsigned int slot, uint64_t pte)
{
	mfn_t mfn = pte_mfn(pte);

	/* Not present, or a grant mapping (which holds no references of its own). */
	if (!(pte & _PAGE_PRESENT) || pte_is_grant_map(level, pte))
		return;
	if (level > 1 || (pte & _PAGE_RW))
		put_page_type(mfn);
	put_page(mfn);
}

int pin_table(struct domain *d, mfn_t mfn, unsigned int level)
{
	struct page_info *pg;
	int rc = get_page(mfn, d);

	if (rc)
		return rc;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domid) {
		put_page(mfn);
		return -EPERM;
	}
	if (pg->flags & PGF_PINNED) {
		put_page(mfn);
		return -EINVAL;
	}
	rc = get_page_type(mfn, d, table_type(level));
	if (rc) {
		put_page(mfn);
		return rc;
	}
	pg->flags |= PGF_PINNED;
	return 0;
}

int set_base_table(struct vcpu *v, mfn_t mfn)
{
	mfn_t old = v->cr3_mfn;
	int rc = get_page(mfn, v->domain);

	if (rc)
		return rc;
	if (mfn_to_page(mfn)->owner != v->domain->domid) {
		put_page(mfn);
		return -EPERM;
	}
	rc = get_page_type(mfn, v->domain, PGT_L4);
	if (rc) {
		put_page(mfn);
		return rc;
	}
	v->cr3_mfn = mfn;
	if (v == current_vcpu())
		write_cr3(mfn << PAGE_SHIFT);
	if (old != INVALID_MFN) {
		put_page_type(old);
		put_page(old);
	}
	return 0;
}
