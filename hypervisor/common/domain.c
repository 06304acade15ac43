/* SPDX-License-Identifier: MIT */
/* Creating domains, giving them memory, and stopping them. */
#include <arch/page.h>
#include <public/sched.h>
#include <string.h>
#include "domain.h"
#include "frame.h"
#include "machine.h"
#include "printk.h"

_Static_assert(sizeof(struct domain) <= PAGE_SIZE, "struct domain fits a frame");

struct domain *domain_create(shale_domid_t domid, bool privileged)
{
	mfn_t mfn = frame_alloc(OWNER_HV), si;
	struct domain *d;

	if (mfn == INVALID_MFN)
		return NULL;
	mfn_to_page(mfn)->type = PGT_HV;
	d = mfn_to_virt(mfn);
	d->domid = domid;
	d->privileged = privileged;
	d->first_page = INVALID_MFN;
	snprintf(d->name, sizeof(d->name), "Domain-%u", domid);
	si = frame_alloc(OWNER_HV);
	if (si == INVALID_MFN) {
		frame_free(mfn);
		return NULL;
	}
	mfn_to_page(si)->type = PGT_SHARED_INFO;
	d->shared_info = mfn_to_virt(si);
	d->vcpu0.domain = d;
	d->vcpu0.id = 0;
	return d;
}

void domain_assign_page(struct domain *d, mfn_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);

	ASSERT(pg->owner == d->domid);
	pg->type = PGT_WRITABLE;
	pg->next = d->first_page == INVALID_MFN ? 0 : d->first_page + 1;
	d->first_page = mfn;
	d->tot_pages++;
}

mfn_t domain_alloc_page(struct domain *d)
{
	mfn_t mfn = frame_alloc(d->domid);

	if (mfn != INVALID_MFN)
		domain_assign_page(d, mfn);
	return mfn;
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
