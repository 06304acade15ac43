/* SPDX-License-Identifier: MIT */
/*
 * Domains and their virtual CPUs.
 */
#ifndef SHALE_HV_DOMAIN_H
#define SHALE_HV_DOMAIN_H

#include <arch/regs.h>
#include <public/domctl.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/shared_info.h>
#include <public/traps.h>
#include "spinlock.h"
#include "types.h"

struct domain;
struct grant_table;

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
	void *fpu_area;			/* saved FPU/SSE/AVX state (one frame) */

	/* Scheduling (schedule.c). */
	bool initialised;		/* has a context to run */
	bool blocked;			/* waiting for an event */
	bool on_runqueue;
	struct vcpu *rq_next;
	uint64_t vruntime;		/* CPU time scaled by 256 / weight */
	uint64_t last_start_ns;		/* when it last got the CPU */
	uint64_t cpu_time_ns;		/* total CPU time */

	/* The one-shot timer (time.c). */
	uint64_t timer_deadline_ns;	/* 0: not armed */
	struct vcpu *timer_next;
	bool timer_listed;

	/* An outstanding sched_op poll. */
	bool polling;
	uint64_t poll_deadline_ns;	/* 0: none */
	uint32_t nr_poll_ports;
	uint32_t poll_ports[SHALE_SCHED_POLL_MAX];

	uint32_t virq_port[SHALE_NR_VIRQS];	/* per-vCPU virqs bound here */
	struct continuation cont;	/* the step in progress, if any */
};

/* One event-channel port (event_channel.c). */
struct evtchn {
	uint8_t state;		/* SHALE_EVTCHNSTAT_* */
	uint8_t pad;
	shale_domid_t remote_dom;	/* unbound: who may bind; interdomain: the peer */
	uint32_t remote_port;	/* interdomain: the peer's port */
	uint16_t vcpu;		/* the vCPU it notifies */
	uint16_t virq;
};

#define EVTCHN_BUCKET_PORTS	256
#define EVTCHN_BUCKETS		(SHALE_NR_EVENT_CHANNELS / EVTCHN_BUCKET_PORTS)

enum domain_state {
	DOMAIN_RUNNING,
	DOMAIN_SHUTDOWN,	/* stopped; shutdown_reason says why */
	DOMAIN_DYING,		/* destroyed; waits for the last references to its frames */
};

struct domain {
	shale_domid_t domid;
	bool privileged;
	char name[SHALE_DOMAIN_NAME_SIZE];
	enum domain_state state;
	unsigned int shutdown_reason;	/* SHALE_SHUTDOWN_* once shut down */
	bool paused;
	bool tearing_down;		/* domain_destroy() is running: it frees d itself */
	spinlock_t lock;		/* page list and counts */

	uint64_t tot_pages;		/* frames owned */
	uint64_t max_pages;		/* most it may own */
	mfn_t first_page;		/* owned frames, a list through page_info.next/prev */
	struct shale_shared_info *shared_info;
	mfn_t shared_info_mfn;

	/* Scheduling parameters and cap accounting. */
	uint32_t weight, cap;
	uint64_t cap_period_start_ns, cap_used_ns;

	struct evtchn *evtchn[EVTCHN_BUCKETS];	/* allocated as ports are used */
	uint32_t evtchn_offers;		/* other domains' unbound ports offered to this one */
	uint32_t virq_port[SHALE_NR_VIRQS];	/* global virqs bound by this domain */

	struct grant_table *grant_table;	/* NULL until it grants or maps (grant_table.c) */

	struct vcpu *vcpu0;
};

/* Creates a paused domain with no memory; NULL when out of memory or the id is taken. */
struct domain *domain_create(shale_domid_t domid, bool privileged, const char *name);
/* The domain with this id (dying ones included), or NULL. */
struct domain *domain_lookup(shale_domid_t domid);
/*
 * The domain a hypercall by caller names: the caller itself for
 * SHALE_DOMID_SELF or its own id; another live domain only for a
 * privileged caller. 0, -EPERM (not privileged) or -ESRCH (none, or dying).
 */
int domain_for_op(struct domain *caller, shale_domid_t id, struct domain **out);
/* The domain with the lowest id >= from, or NULL. */
struct domain *domain_next(shale_domid_t from);
/* Number of domains that exist. */
unsigned int domain_count(void);
/* A free domain id (the lowest), or 0 when none is left. */
shale_domid_t domain_free_id(void);
/* Gives the domain one more zeroed frame; its mfn or INVALID_MFN. */
mfn_t domain_alloc_page(struct domain *d);
/* Makes a frame already allocated for d part of its memory. */
void domain_assign_page(struct domain *d, mfn_t mfn);
/*
 * Takes a frame back from d and frees it. The caller has checked that
 * nothing references it beyond the allocation itself.
 */
void domain_release_page(struct domain *d, mfn_t mfn);
/* Called when the last foreign reference to a dying domain's frame goes. */
void domain_reap_page(struct domain *d, mfn_t mfn);

/* Pauses / unpauses (idempotent). */
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
/*
 * Tears a domain down: event channels closed, timers stopped, page tables
 * released, frames returned (those still mapped by others when they are
 * unmapped). Never the running domain.
 */
void domain_destroy(struct domain *d);

/*
 * Stops a domain after a fatal error it caused. why is one line. dom0's
 * crash stops the machine with a failure status; another domain's stops
 * only that domain, and dom0 is told.
 */
void domain_crash(struct domain *d, const char *why);
/* Shuts a domain down with a SHALE_SHUTDOWN_* reason; dom0 is told. */
void domain_shutdown(struct domain *d, unsigned int reason);

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
