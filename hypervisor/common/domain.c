/* SPDX-License-Identifier: MIT */
/* Creating domains, giving them memory, and stopping them. */
#include <arch/page.h>
#include <public/sched.h>
#include <string.h>
#include "domain.h"
#include "frame.h"
#include "m2p.h"
#include "machine.h"
#include "printk.h"

_Static_assert(sizeof(struct domain) <= PAGE_SIZE, "struct domain fits a frame");
_Static_assert(sizeof(struct vcpu) <= PAGE_SIZE, "struct vcpu fits a frame");

static struct domain *domain_table[SHALE_DOMID_FIRST_RESERVED];

static void *alloc_hv_page(void)
{
	mfn_t mfn = frame_alloc(OWNER_HV);

	if (mfn == INVALID_MFN)
		return NULL;
	mfn_to_page(mfn)->type = PGT_HV;
	return mfn_to_virt(mfn);
}

struct domain *domain_create(shale_domid_t domid, bool privileged)
{
	struct domain *d;

	if (domid >= SHALE_DOMID_FIRST_RESERVED || domain_table[domid])
		return NULL;
	d = alloc_hv_page();
	if (!d)
		return NULL;
	d->vcpu0 = alloc_hv_page();
	d->shared_info = alloc_hv_page();
	if (!d->vcpu0 || !d->shared_info) {
		if (d->vcpu0)
			frame_free(virt_to_mfn(d->vcpu0));
		if (d->shared_info)
			frame_free(virt_to_mfn(d->shared_info));
		frame_free(virt_to_mfn(d));
		return NULL;
	}
	d->domid = domid;
	d->privileged = privileged;
	d->first_page = INVALID_MFN;
	d->shared_info_mfn = virt_to_mfn(d->shared_info);
	mfn_to_page(d->shared_info_mfn)->type = PGT_SHARED_INFO;
	snprintf(d->name, sizeof(d->name), "Domain-%u", domid);
	d->vcpu0->domain = d;
	d->vcpu0->cr3_mfn = INVALID_MFN;
	/* Upcalls start masked, as on a CPU that has not yet enabled interrupts. */
	d->shared_info->vcpu_info[0].evtchn_upcall_mask = 1;
	domain_table[domid] = d;
	return d;
}

struct domain *domain_lookup(shale_domid_t domid)
{
	return domid < SHALE_DOMID_FIRST_RESERVED ? domain_table[domid] : NULL;
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

void domain_crash(struct domain *d, const char *why)
{
	pr_err("d%u: crashed: %s\n", d->domid, why);
	d->state = DOMAIN_SHUTDOWN;
	d->shutdown_reason = SHALE_SHUTDOWN_crash;
	/* dom0 is the only domain so far: its end is the machine's. */
	pr_err("dom0 crashed: machine stopped (exit code %d)\n", EXIT_DOM0_CRASH);
	machine_fail(EXIT_DOM0_CRASH);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
	d->state = DOMAIN_SHUTDOWN;
	d->shutdown_reason = reason;
	switch (reason) {
	case SHALE_SHUTDOWN_poweroff:
		pr_info("d%u: shut down (poweroff)\n", d->domid);
		machine_poweroff();
	case SHALE_SHUTDOWN_reboot:
		pr_info("d%u: shut down (reboot)\n", d->domid);
		machine_reboot();
	default:
		domain_crash(d, reason == SHALE_SHUTDOWN_crash ? "shutdown(crash) requested"
							       : "shutdown with an unsupported reason");
	}
}
