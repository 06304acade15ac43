/* SPDX-License-Identifier: MIT */
/*
 * The memory-management hypercalls: mmu_update, update_va_mapping and
 * mmuext_op. Every request is copied in once, checked against the rules
 * (mm_rules.c, page_type.c) and applied; batches stop at the first refusal
 * and report how many requests succeeded. Long batches run MMU_STEP
 * requests per entry and continue transparently.
 */
#include <arch/page.h>
#include <public/mm.h>
#include <public/multicall.h>
#include "guest_access.h"
#include "hypercall.h"
#include "m2p.h"
#include "mm.h"
#include "mm_rules.h"
#include "spinlock.h"

#define MMU_STEP		128		/* requests per hypercall entry */
#define MAX_GUEST_PFN		(1ULL << 40)

static spinlock_t mm_lock = SPINLOCK_INIT;

unsigned long mm_lock_irqsave(void)
{
	return spin_lock_irqsave(&mm_lock);
}

void mm_unlock_irqrestore(unsigned long flags)
{
	spin_unlock_irqrestore(&mm_lock, flags);
}

/* Replaces the entry at machine address maddr in one of d's page tables. */
static int pt_update(struct domain *d, struct domain *fd, paddr_t maddr, uint64_t val)
{
	mfn_t mfn = maddr >> PAGE_SHIFT;
	unsigned int slot = (maddr & (PAGE_SIZE - 1)) >> 3, level;
	struct page_info *pg;
	uint64_t *table, old;
	int rc;

	if ((maddr & 7) || !mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domid)
		return -EPERM;
	if (!page_type_is_table(pg->type)) {
		mm_refused(d, "update of mfn %lx, which is not a page table", mfn);
		return -EINVAL;
	}
	level = pg->type - PGT_L1 + 1;
	if (level == 4 && l4_slot_reserved(slot)) {
		mm_refused(d, "update of reserved L4 slot %u", slot);
		return -EINVAL;
	}
	table = mfn_to_virt(mfn);
	old = table[slot];
	if (pte_is_grant_map(level, old)) {
		mm_refused(d, "L1 entry %lx is a grant mapping: only unmap_grant_ref removes it",
			   maddr);
		return -EPERM;
	}
	/* Take the new entry's references before dropping the old one's. */
	rc = get_entry_refs(d, level, slot, val, fd);
	if (rc)
		return rc;
	__atomic_store_n(&table[slot], val, __ATOMIC_RELEASE);
	put_entry_refs(level, slot, old);
	return 0;
}

/* d is the caller, or for a privileged caller the foreign_dom it named. */
static int m2p_update(struct domain *d, mfn_t mfn, uint64_t pfn)
{
	if (!mfn_valid(mfn) || (pfn >= MAX_GUEST_PFN && pfn != SHALE_INVALID_PFN))
		return -EINVAL;
	if (mfn_to_page(mfn)->owner != d->domid)
		return -EPERM;
	m2p_set(mfn, pfn);
	return 0;
}

static int mmu_update_one(struct domain *d, struct domain *fd, const struct shale_mmu_update *u)
{
	switch (u->ptr & 3) {
	case SHALE_MMU_NORMAL_PT_UPDATE:
		return pt_update(d, fd, u->ptr & ~3ULL, u->val);
	case SHALE_MMU_MACHPHYS_UPDATE:
		/* A domain builder records the new domain's pfns through foreign_dom. */
		return m2p_update(fd, u->ptr >> PAGE_SHIFT, u->val);
	default:
		return -EINVAL;
	}
}

/* count is the guest's (32-bit) count; prior what earlier steps already did. */
static long batch_start(uint64_t nr, const uint64_t args[6], unsigned int *todo,
			unsigned int *prior)
{
	*todo = (uint32_t)args[1];
	*prior = (uint32_t)hypercall_progress(nr, args);
	if (*todo > SHALE_MMU_MAX_COUNT)
		return -E2BIG;
	if (!hypercall_can_continue() && *todo > SHALE_MULTICALL_MAX_BATCH)
		return -E2BIG;
	return 0;
}

static long batch_end(uint64_t done, unsigned int n, long rc)
{
	if (done && copy_to_guest(done, &n, sizeof(n)))
		return -EFAULT;
	return rc;
}

/* A batch refused as a whole: *done still says how many were applied. */
static long refuse_batch(uint64_t done, unsigned int prior, long rc)
{
	if (done)
		copy_to_guest(done, &prior, sizeof(prior));
	return rc;
}

long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t done, shale_domid_t foreign)
{
	const uint64_t args[6] = { reqs, (uint32_t)count, done, foreign };
	struct domain *d = current_domain(), *fd;
	unsigned int todo, prior, i;
	unsigned long flags;
	long rc = batch_start(SHALE_HYPERCALL_mmu_update, args, &todo, &prior);

	if (!rc)
		rc = domain_for_op(d, foreign, &fd);
	if (rc)
		return refuse_batch(done, prior, rc);
	flags = spin_lock_irqsave(&mm_lock);
	for (i = 0; i < todo && !rc; i++) {
		struct shale_mmu_update u;

		if (i == MMU_STEP && hypercall_can_continue()) {
			const uint64_t next[6] = { reqs + i * sizeof(u), todo - i, done, foreign };

			spin_unlock_irqrestore(&mm_lock, flags);
			rc = batch_end(done, prior + i, 0);
			return rc ? rc : hypercall_continue(SHALE_HYPERCALL_mmu_update, next,
							    prior + i);
		}
		if (copy_from_guest(&u, reqs + i * sizeof(u), sizeof(u)))
			rc = -EFAULT;
		else
			rc = mmu_update_one(d, fd, &u);
	}
	spin_unlock_irqrestore(&mm_lock, flags);
	return batch_end(done, prior + i - (rc ? 1 : 0), rc);
}

int pt_l1_entry_of(mfn_t l4, uint64_t va, paddr_t *maddr)
{
	mfn_t mfn = l4;

	for (unsigned int level = 4; level > 1; level--) {
		const uint64_t *t = mfn_to_virt(mfn);
		uint64_t e = t[(va >> (12 + 9 * (level - 1))) & 511];

		if (!(e & _PAGE_PRESENT))
			return -EINVAL;
		mfn = pte_mfn(e);
	}
	*maddr = (mfn << PAGE_SHIFT) | (((va >> PAGE_SHIFT) & 511) << 3);
	return 0;
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
	struct vcpu *v = current_vcpu();
	unsigned long irq;
	paddr_t maddr;
	long rc;

	if (flags & ~(uint64_t)(SHALE_UVMF_TLB_FLUSH | SHALE_UVMF_INVLPG))
		return -EINVAL;
	if (!guest_range_ok(va, 1))
		return -EINVAL;
	irq = spin_lock_irqsave(&mm_lock);
	rc = pt_l1_entry_of(v->cr3_mfn, va, &maddr);
	if (rc)
		mm_refused(v->domain, "update_va_mapping: no L1 table covers %lx", va);
	else
		rc = pt_update(v->domain, v->domain, maddr, val);
	spin_unlock_irqrestore(&mm_lock, irq);
	if (!rc && (flags & SHALE_UVMF_TLB_FLUSH))
		flush_tlb_local();
	else if (!rc && (flags & SHALE_UVMF_INVLPG))
		invlpg(va);
	return rc;
}

static int unpin_table(struct domain *d, mfn_t mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domid)
		return -EPERM;
	if (!(pg->flags & PGF_PINNED))
		return -EINVAL;
	pg->flags &= ~PGF_PINNED;
	put_page_type(mfn);
	put_page(mfn);
	return 0;
}

/* fd: the caller, or the domain a privileged caller builds (foreign_dom). */
static int mmuext_one(struct vcpu *v, struct domain *fd, const struct shale_mmuext_op *op)
{
	if (op->pad || op->arg2)
		return -EINVAL;
	switch (op->cmd) {
	case SHALE_MMUEXT_PIN_L1_TABLE:
	case SHALE_MMUEXT_PIN_L2_TABLE:
	case SHALE_MMUEXT_PIN_L3_TABLE:
	case SHALE_MMUEXT_PIN_L4_TABLE:
		return pin_table(fd, op->arg1, op->cmd - SHALE_MMUEXT_PIN_L1_TABLE + 1);
	case SHALE_MMUEXT_UNPIN_TABLE:
		return unpin_table(fd, op->arg1);
	case SHALE_MMUEXT_NEW_BASEPTR:
		return set_base_table(v, op->arg1);
	case SHALE_MMUEXT_TLB_FLUSH_LOCAL:
		flush_tlb_local();
		return 0;
	case SHALE_MMUEXT_INVLPG_LOCAL:
		if (!guest_range_ok(op->arg1, 1))
			return -EINVAL;
		invlpg(op->arg1);
		return 0;
	default:
		return -ENOSYS;
	}
}

long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t done, shale_domid_t foreign)
{
	const uint64_t args[6] = { ops, (uint32_t)count, done, foreign };
	struct vcpu *v = current_vcpu();
	struct domain *fd;
	unsigned int todo, prior, i;
	unsigned long flags;
	long rc = batch_start(SHALE_HYPERCALL_mmuext_op, args, &todo, &prior);

	if (!rc)
		rc = domain_for_op(v->domain, foreign, &fd);
	if (rc)
		return refuse_batch(done, prior, rc);
	flags = spin_lock_irqsave(&mm_lock);
	for (i = 0; i < todo && !rc; i++) {
		struct shale_mmuext_op op;

		if (i == MMU_STEP && hypercall_can_continue()) {
			const uint64_t next[6] = { ops + i * sizeof(op), todo - i, done, foreign };

			spin_unlock_irqrestore(&mm_lock, flags);
			rc = batch_end(done, prior + i, 0);
			return rc ? rc : hypercall_continue(SHALE_HYPERCALL_mmuext_op, next,
							    prior + i);
		}
		if (copy_from_guest(&op, ops + i * sizeof(op), sizeof(op)))
			rc = -EFAULT;
		else
			rc = mmuext_one(v, fd, &op);
	}
	spin_unlock_irqrestore(&mm_lock, flags);
	return batch_end(done, prior + i - (rc ? 1 : 0), rc);
}
