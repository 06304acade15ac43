/* SPDX-License-Identifier: MIT */
/*
 * Domains and their virtual CPUs.
 */
#ifndef SHALE_HV_DOMAIN_H
#define SHALE_HV_DOMAIN_H

#include <arch/regs.h>
#include <public/shared_info.h>
#include "spinlock.h"
#include "types.h"

#define DOMAIN_NAME_MAX	64

struct domain;

struct vcpu {
	struct domain *domain;
	unsigned int id;
	struct cpu_user_regs regs;	/* saved while the vCPU is not running */
	uint64_t cr3;			/* machine address of the active L4 */
};

enum domain_state {
	DOMAIN_RUNNING,
	DOMAIN_SHUTDOWN,	/* stopped; shutdown_reason says why */
};

struct domain {
	shale_domid_t domid;
	bool privileged;
	char name[DOMAIN_NAME_MAX];
	enum domain_state state;
	unsigned int shutdown_reason;	/* SHALE_SHUTDOWN_* once shut down */
	spinlock_t lock;

	uint64_t tot_pages;		/* frames owned */
	mfn_t first_page;		/* the owned frames, chained through page_info.next */
	struct shale_shared_info *shared_info;

	struct vcpu vcpu0;
};

static inline struct vcpu *current_vcpu(void);

/* Allocates a domain with no memory; NULL when out of memory. */
struct domain *domain_create(shale_domid_t domid, bool privileged);
/* Gives the domain one more zeroed frame; its mfn or INVALID_MFN. */
mfn_t domain_alloc_page(struct domain *d);
/* Makes a frame already allocated for d part of its memory. */
void domain_assign_page(struct domain *d, mfn_t mfn);

/*
 * Stops a domain after a fatal error it caused. why is one line. dom0's
 * crash stops the machine with a failure status.
 */
__noreturn void domain_crash(struct domain *d, const char *why);
/* Handles a shutdown request (SHALE_SHUTDOWN_*) from the domain itself. */
__noreturn void domain_shutdown(struct domain *d, unsigned int reason);

/* Runs v from the state in v->regs; never returns. */
__noreturn void vcpu_start(struct vcpu *v);

#include <arch/cpu.h>

static inline struct vcpu *current_vcpu(void)
{
	return this_cpu()->current;
}

#endif /* SHALE_HV_DOMAIN_H */
