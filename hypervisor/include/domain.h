/* SPDX-License-Identifier: MIT */
/*
 * Domains and their virtual CPUs.
 */
#ifndef SHALE_HV_DOMAIN_H
#define SHALE_HV_DOMAIN_H

#include <arch/regs.h>
#include <public/shared_info.h>
#include <public/traps.h>
#include "spinlock.h"
#include "types.h"

#define DOMAIN_NAME_MAX	64

struct domain;

/* A guest's exception handlers, as set_trap_table registered them. */
struct trap_table {
	uint64_t address[SHALE_MAX_TRAPS];	/* 0: none */
	uint8_t flags[SHALE_MAX_TRAPS];		/* SHALE_TRAP_* */
};

/*
 * A hypercall the hypervisor split into steps: the guest re-executes it
 * with these arguments, and the progress so far is kept here, where the
 * guest cannot forge it.
 */
struct continuation {
	bool valid;
	uint64_t nr;
	uint64_t args[6];
	uint64_t progress;
};

struct vcpu {
	struct domain *domain;
	unsigned int id;
	struct cpu_user_regs regs;	/* saved while the vCPU is not running */
	mfn_t cr3_mfn;			/* the validated L4 in use (holds a type reference) */
	struct trap_table traps;
	uint64_t event_callback;	/* guest address; 0 if none */
	uint64_t failsafe_callback;
	struct continuation cont;	/* the step in progress, if any */
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
	spinlock_t lock;		/* page list and counts */

	uint64_t tot_pages;		/* frames owned */
	uint64_t max_pages;		/* most it may own */
	mfn_t first_page;		/* owned frames, a list through page_info.next/prev */
	struct shale_shared_info *shared_info;
	mfn_t shared_info_mfn;

	struct vcpu *vcpu0;
};

/* Allocates a domain with no memory; NULL when out of memory. */
struct domain *domain_create(shale_domid_t domid, bool privileged);
/* The domain with this id, or NULL. */
struct domain *domain_lookup(shale_domid_t domid);
/* Gives the domain one more zeroed frame; its mfn or INVALID_MFN. */
mfn_t domain_alloc_page(struct domain *d);
/* Makes a frame already allocated for d part of its memory. */
void domain_assign_page(struct domain *d, mfn_t mfn);
/*
 * Takes a frame back from d and frees it. The caller has checked that
 * nothing references it beyond the allocation itself.
 */
void domain_release_page(struct domain *d, mfn_t mfn);

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

static inline struct domain *current_domain(void)
{
	return this_cpu()->current->domain;
}

static inline struct shale_vcpu_info *vcpu_info(struct vcpu *v)
{
	return &v->domain->shared_info->vcpu_info[v->id];
}

#endif /* SHALE_HV_DOMAIN_H */
