/* SPDX-License-Identifier: MIT */
/*
 * domctl: domain control, for privileged domains (dom0) only.
 *
 *   long domctl(struct shale_domctl *op)
 *
 * op->interface_version must be SHALE_DOMCTL_VERSION (else -EINVAL); an
 * unprivileged caller gets -EPERM for every sub-op; a domain id that names
 * no domain gives -ESRCH. OUT fields are written back into *op.
 *
 * Sub-ops (op->cmd; the union member of the same name):
 *   createdomain (1): IN domain (0: the hypervisor picks the lowest free
 *     id), name, max_vcpus (1 for now). Creates a paused domain with no
 *     memory and max_pages 0; OUT domain, shared_info_mfn. -EEXIST id in
 *     use, -EINVAL bad id/name/vcpus, -ENOMEM.
 *   destroydomain (2): IN domain. Tears the domain down: every event
 *     channel closed (peers see their ports become unbound and dom0 gets
 *     VIRQ_DOM_EXC), timers stopped, every frame returned once nothing else
 *     references it. -EINVAL for dom0 or the caller itself.
 *   pausedomain (3), unpausedomain (4): IN domain. Both are idempotent
 *     (pausing a paused domain returns 0). -EINVAL for the caller itself.
 *   getdomaininfo (5): IN domain; OUT info (the first domain with id >=
 *     domain: walk the list by asking for last id + 1). -ESRCH past the end.
 *   max_mem (11): IN domain, max_pages.
 *   setvcpucontext (12): IN domain, vcpu, ctx -> struct
 *     shale_vcpu_guest_context. Loads the vCPU's registers and address
 *     space (cr3_mfn is validated as an L4 of that domain, as
 *     NEW_BASEPTR does) and callbacks. Only while the domain is paused
 *     (-EBUSY otherwise). -EFAULT, -EINVAL (bad vcpu, non-canonical rip),
 *     page-table errors as for mmuext_op.
 *   sched_get (16), sched_set (17): IN domain; sched.weight (1-65535,
 *     default 256) and sched.cap (percent of one CPU, 0 = no cap).
 *     -EINVAL out of range.
 *   readconsole (20): IN console.buffer, console.size; copies the
 *     hypervisor's log ring (oldest first); OUT console.size = bytes
 *     copied. -EFAULT.
 *   physinfo (21): OUT physinfo.
 *   remote_shutdown (22): IN domain, shutdown_reason (SHALE_SHUTDOWN_*):
 *     shuts the domain down as if it had asked itself.
 */
#ifndef SHALE_PUBLIC_DOMCTL_H
#define SHALE_PUBLIC_DOMCTL_H

#include "shale.h"

#define SHALE_DOMCTL_VERSION	1

#define SHALE_DOMCTL_createdomain	1
#define SHALE_DOMCTL_destroydomain	2
#define SHALE_DOMCTL_pausedomain	3
#define SHALE_DOMCTL_unpausedomain	4
#define SHALE_DOMCTL_getdomaininfo	5
#define SHALE_DOMCTL_max_mem		11
#define SHALE_DOMCTL_setvcpucontext	12
#define SHALE_DOMCTL_sched_get		16
#define SHALE_DOMCTL_sched_set		17
#define SHALE_DOMCTL_readconsole	20
#define SHALE_DOMCTL_physinfo		21
#define SHALE_DOMCTL_remote_shutdown	22

#define SHALE_DOMAIN_NAME_SIZE	32

/* getdomaininfo flags */
#define SHALE_DOMINF_dying	(1u << 0)	/* being destroyed, frames still referenced */
#define SHALE_DOMINF_shutdown	(1u << 1)	/* shut down; shutdown_reason says why */
#define SHALE_DOMINF_paused	(1u << 2)
#define SHALE_DOMINF_blocked	(1u << 3)	/* every vCPU is blocked */
#define SHALE_DOMINF_running	(1u << 4)	/* a vCPU is on a CPU now */
#define SHALE_DOMINF_privileged	(1u << 5)

#ifndef __ASSEMBLER__
struct shale_vcpu_guest_context {
	uint64_t rip, rsp, rflags;	/* rflags: IOPL, NT and the like are ignored */
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t cr3_mfn;		/* the L4 to run on */
	uint64_t event_callback;	/* as set_callbacks; 0 = none */
	uint64_t failsafe_callback;
};	/* 168 bytes */

struct shale_domctl_createdomain {
	char name[SHALE_DOMAIN_NAME_SIZE];	/* IN: NUL-terminated, non-empty */
	uint32_t max_vcpus;		/* IN: must be 1 for now */
	uint32_t pad;
	uint64_t shared_info_mfn;	/* OUT */
};

struct shale_domctl_getdomaininfo {
	shale_domid_t domain;		/* OUT: the domain described */
	uint16_t pad;
	uint32_t flags;			/* OUT: SHALE_DOMINF_* */
	uint32_t shutdown_reason;	/* OUT: SHALE_SHUTDOWN_*, if shut down */
	uint32_t nr_online_vcpus;	/* OUT */
	uint64_t tot_pages;		/* OUT: frames owned */
	uint64_t max_pages;		/* OUT */
	uint64_t shared_info_mfn;	/* OUT */
	uint64_t cpu_time_ns;		/* OUT: CPU time used */
	uint32_t weight, cap;		/* OUT: scheduler parameters */
	char name[SHALE_DOMAIN_NAME_SIZE];	/* OUT */
};

struct shale_domctl_setvcpucontext {
	uint32_t vcpu;			/* IN */
	uint32_t pad;
	uint64_t ctx;			/* IN: guest address of the context */
};

struct shale_domctl_sched {
	uint32_t weight;		/* IN (set) / OUT (get): 1-65535 */
	uint32_t cap;			/* IN / OUT: percent of a CPU, 0 = none */
};

struct shale_domctl_console {
	uint64_t buffer;		/* IN: guest address */
	uint64_t size;			/* IN: buffer size; OUT: bytes copied */
};

struct shale_domctl_physinfo {
	uint32_t nr_cpus;		/* OUT */
	uint32_t cpu_khz;		/* OUT: TSC frequency */
	uint64_t total_pages;		/* OUT: RAM frames */
	uint64_t free_pages;		/* OUT */
	uint64_t max_mfn;		/* OUT */
	uint64_t nr_domains;		/* OUT: domains that exist, dom0 included */
	char cpu_brand[48];		/* OUT */
	uint64_t scrub_pages;		/* OUT: free frames not zeroed yet */
};

struct shale_domctl {
	uint32_t cmd;			/* IN: SHALE_DOMCTL_* */
	uint32_t interface_version;	/* IN: SHALE_DOMCTL_VERSION */
	shale_domid_t domain;		/* IN (OUT for createdomain, getdomaininfo) */
	uint16_t pad0;
	uint32_t pad1;
	union {
		struct shale_domctl_createdomain createdomain;
		struct shale_domctl_getdomaininfo getdomaininfo;
		uint64_t max_pages;			/* max_mem */
		struct shale_domctl_setvcpucontext setvcpucontext;
		struct shale_domctl_sched sched;
		struct shale_domctl_console console;
		struct shale_domctl_physinfo physinfo;
		uint32_t shutdown_reason;		/* remote_shutdown */
		uint8_t pad[128];
	} u;
};	/* 144 bytes */

_Static_assert(sizeof(struct shale_vcpu_guest_context) == 168, "vcpu_guest_context size");
_Static_assert(sizeof(struct shale_domctl) == 144, "domctl size");
_Static_assert(__builtin_offsetof(struct shale_domctl, u) == 16, "domctl union offset");
#endif

#endif /* SHALE_PUBLIC_DOMCTL_H */
