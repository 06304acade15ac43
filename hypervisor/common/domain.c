/* SPDX-License-Identifier: MIT */
/*
 * Domains: creation, memory ownership, pause, shutdown, crash and
 * destruction. A destroyed domain whose frames are still referenced by
 * another domain (a foreign mapping) stays "dying" until the last
 * reference goes; nothing ever references a freed frame.
 */
#include <arch/context.h>
#include <arch/page.h>
#include <public/sched.h>
#include <string.h>
#include "domain.h"
#include "event_channel.h"
#include "frame.h"
#include "grant_table.h"
#include "m2p.h"
#include "machine.h"
#include "mm.h"
#include "printk.h"
#include "schedule.h"
#include "time.h"

_Static_assert(sizeof(struct domain) <= PAGE_SIZE, "struct domain fits a frame");
_Static_assert(sizeof(struct vcpu) <= PAGE_SIZE, "struct vcpu fits a frame");

static struct domain *domain_table[SHALE_DOMID_FIRST_RESERVED];
static unsigned int nr_domains;

static void *alloc_hv_page(void)
{
	mfn_t mfn = frame_alloc(OWNER_HV);

	if (mfn == INVALID_MFN)
		return NULL;
	mfn_to_page(mfn)->type = PGT_HV;
	return mfn_to_virt(mfn);
}

static void free_hv_page(void *p)
{
	if (p)
		frame_free(virt_to_mfn(p));
}

static void domain_free(struct domain *d)
{
	struct page_info *si = mfn_to_page(d->shared_info_mfn);

	domain_table[d->domid] = NULL;
	nr_domains--;
	gnttab_free(d);
	arch_vcpu_free(d->vcpu0);
	free_hv_page(d->vcpu0);
	if (si->count > 1)
		pr_err("d%u: shared_info still mapped elsewhere; frame %lx kept\n", d->domid,
		       d->shared_info_mfn);
	else
		free_hv_page(d->shared_info);
	free_hv_page(d);
}

struct domain *domain_create(shale_domid_t domid, bool privileged, const char *name)
{
	struct domain *d;

	if (domid >= SHALE_DOMID_FIRST_RESERVED || domain_table[domid])
		return NULL;
	d = alloc_hv_page();
	if (!d)
		return NULL;
	d->vcpu0 = alloc_hv_page();
	d->shared_info = alloc_hv_page();
	if (!d->vcpu0 || !d->shared_info || arch_vcpu_init(d->vcpu0)) {
		free_hv_page(d->vcpu0);
		free_hv_page(d->shared_info);
		free_hv_page(d);
		return NULL;
	}
	d->domid = domid;
	d->privileged = privileged;
	d->paused = true;
	d->first_page = INVALID_MFN;
	d->weight = SCHED_DEFAULT_WEIGHT;
	d->shared_info_mfn = virt_to_mfn(d->shared_info);
	mfn_to_page(d->shared_info_mfn)->type = PGT_SHARED_INFO;
	strlcpy(d->name, name, sizeof(d->name));
	d->vcpu0->domain = d;
	d->vcpu0->cr3_mfn = INVALID_MFN;
	/* Upcalls start masked, as on a CPU that has not yet enabled interrupts. */
	d->shared_info->vcpu_info[0].evtchn_upcall_mask = 1;
	domain_table[domid] = d;
	nr_domains++;
	return d;
}

struct domain *domain_lookup(shale_domid_t domid)
{
	return domid < SHALE_DOMID_FIRST_RESERVED ? domain_table[domid] : NULL;
}

int domain_for_op(struct domain *caller, shale_domid_t id, struct domain **out)
{
	if (id == SHALE_DOMID_SELF || id == caller->domid) {
		*out = caller;
		return 0;
	}
	if (!caller->privileged)
		return -EPERM;
	*out = domain_lookup(id);
	return *out && (*out)->state != DOMAIN_DYING ? 0 : -ESRCH;
}

struct domain *domain_next(shale_domid_t from)
{
	for (uint32_t id = from; id < SHALE_DOMID_FIRST_RESERVED; id++)
		if (domain_table[id])
			return domain_table[id];
	return NULL;
}

unsigned int domain_count(void)
{
	return nr_domains;
}

shale_domid_t domain_free_id(void)
{
	for (shale_domid_t id = 1; id < SHALE_DOMID_FIRST_RESERVED; id++)
		if (!domain_table[id])
			return id;
	return 0;
}

void domain_assign_page(struct domain *d, mfn_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);
	unsigned long flags = spin_lock_irqsave(&d->lock);

	ASSERT(pg->owner == d->domid);
	pg->type = PGT_NONE;
	pg->prev = 0;
	pg->next = d->first_page == INVALID_MFN ? 0 : d->first_page + 1;
	if (d->first_page != INVALID_MFN)
		mfn_to_page(d->first_page)->prev = mfn + 1;
	d->first_page = mfn;
	d->tot_pages++;
	spin_unlock_irqrestore(&d->lock, flags);
}

mfn_t domain_alloc_page(struct domain *d)
{
	mfn_t mfn = frame_alloc(d->domid);

	if (mfn != INVALID_MFN)
		domain_assign_page(d, mfn);
	return mfn;
}

void domain_release_page(struct domain *d, mfn_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);
	unsigned long flags = spin_lock_irqsave(&d->lock);

	if (pg->prev)
		mfn_to_page(pg->prev - 1)->next = pg->next;
	else
		d->first_page = pg->next ? pg->next - 1 : INVALID_MFN;
	if (pg->next)
		mfn_to_page(pg->next - 1)->prev = pg->prev;
	d->tot_pages--;
	spin_unlock_irqrestore(&d->lock, flags);
	m2p_set(mfn, SHALE_INVALID_PFN);
	frame_free(mfn);
}

void domain_reap_page(struct domain *d, mfn_t mfn)
{
	domain_release_page(d, mfn);
	if (!d->tot_pages && !d->tearing_down)
		domain_free(d);
}

void domain_pause(struct domain *d)
{
	d->paused = true;
	vcpu_update_runnable(d->vcpu0);
}

void domain_unpause(struct domain *d)
{
	d->paused = false;
	vcpu_update_runnable(d->vcpu0);
}

/* Drops the references that keep the domain's page tables validated. */
static void release_page_tables(struct domain *d)
{
	struct vcpu *v = d->vcpu0;
	mfn_t mfn;

	if (v->cr3_mfn != INVALID_MFN) {
		put_page_type(v->cr3_mfn);
		put_page(v->cr3_mfn);
		v->cr3_mfn = INVALID_MFN;
	}
	for (mfn = d->first_page; mfn != INVALID_MFN;) {
		struct page_info *pg = mfn_to_page(mfn);
		mfn_t next = pg->next ? pg->next - 1 : INVALID_MFN;

		if (pg->flags & PGF_PINNED) {
			pg->flags &= ~PGF_PINNED;
			put_page_type(mfn);
			put_page(mfn);
		}
		mfn = next;
	}
}

void domain_destroy(struct domain *d)
{
	mfn_t mfn;

	ASSERT(d != current_domain());
	d->state = DOMAIN_DYING;
	d->paused = true;
	/* Releasing the tables reaps frames as their last reference goes; d stays ours. */
	d->tearing_down = true;
	timer_cancel_all(d->vcpu0);
	vcpu_update_runnable(d->vcpu0);
	evtchn_destroy(d);
	/* Its grant mappings end with its page tables; what others map of it stays. */
	release_page_tables(d);
	gnttab_release_mappings(d);
	/* Frames still mapped by another domain are freed when that mapping goes. */
	for (mfn = d->first_page; mfn != INVALID_MFN;) {
		struct page_info *pg = mfn_to_page(mfn);
		mfn_t next = pg->next ? pg->next - 1 : INVALID_MFN;

		if (pg->count == 1 && pg->type_count == 0)
			domain_release_page(d, mfn);
		mfn = next;
	}
	d->tearing_down = false;
	if (d->tot_pages)
		pr_info("d%u: dying: %lu frames still mapped by other domains\n", d->domid,
			d->tot_pages);
	else
		domain_free(d);
	evtchn_send_global_virq(SHALE_VIRQ_DOM_EXC);
}

static const char *const shutdown_names[] = {
	"poweroff", "reboot", "suspend", "crash", "watchdog",
};

void domain_shutdown(struct domain *d, unsigned int reason)
{
	if (d->state != DOMAIN_RUNNING)
		return;
	d->state = DOMAIN_SHUTDOWN;
	d->shutdown_reason = reason;
	pr_info("d%u: shut down (%s)\n", d->domid, shutdown_names[reason]);
	if (d->domid == 0) {
		/* dom0's end is the machine's. */
		if (reason == SHALE_SHUTDOWN_poweroff)
			machine_poweroff();
		if (reason == SHALE_SHUTDOWN_reboot)
			machine_reboot();
		pr_err("dom0 crashed: machine stopped (exit code %d)\n", EXIT_DOM0_CRASH);
		machine_fail(EXIT_DOM0_CRASH);
	}
	timer_cancel_all(d->vcpu0);
	vcpu_update_runnable(d->vcpu0);
	evtchn_send_global_virq(SHALE_VIRQ_DOM_EXC);
}

void domain_crash(struct domain *d, const char *why)
{
	pr_err("d%u: crashed: %s\n", d->domid, why);
	domain_shutdown(d, SHALE_SHUTDOWN_crash);
}
