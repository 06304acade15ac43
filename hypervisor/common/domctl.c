/* SPDX-License-Identifier: MIT */
/*
 * domctl: domain control for privileged domains. The argument is copied in
 * once, checked, acted on, and copied back with its OUT fields.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/x86.h>
#include <public/domctl.h>
#include <string.h>
#include "console.h"
#include "domain.h"
#include "frame.h"
#include "guest_access.h"
#include "hypercall.h"
#include "mm.h"
#include "schedule.h"

/* Ops a domain may not apply to itself: it would stop or rebuild the caller. */
static bool refused_on_self(uint32_t cmd)
{
	return cmd == SHALE_DOMCTL_destroydomain || cmd == SHALE_DOMCTL_pausedomain ||
	       cmd == SHALE_DOMCTL_unpausedomain || cmd == SHALE_DOMCTL_setvcpucontext ||
	       cmd == SHALE_DOMCTL_remote_shutdown;
}

static bool known_domain_op(uint32_t cmd)
{
	return refused_on_self(cmd) || cmd == SHALE_DOMCTL_max_mem ||
	       cmd == SHALE_DOMCTL_sched_get || cmd == SHALE_DOMCTL_sched_set;
}

/* The existing domain an op names. */
static int target_domain(const struct shale_domctl *op, struct domain **out)
{
	struct domain *d = domain_lookup(op->domain);

	if (!d || d->state == DOMAIN_DYING)
		return -ESRCH;
	if (d == current_domain() && refused_on_self(op->cmd))
		return -EINVAL;
	*out = d;
	return 0;
}

static long domctl_createdomain(struct shale_domctl *op)
{
	struct shale_domctl_createdomain *c = &op->u.createdomain;
	shale_domid_t id = op->domain ? op->domain : domain_free_id();
	struct domain *d;

	if (!memchr(c->name, '\0', sizeof(c->name)) || !c->name[0] || c->max_vcpus != 1 || c->pad)
		return -EINVAL;
	if (id == 0 || id >= SHALE_DOMID_FIRST_RESERVED)
		return op->domain ? -EINVAL : -ENOSPC;
	if (domain_lookup(id))
		return -EEXIST;
	d = domain_create(id, false, c->name);
	if (!d)
		return -ENOMEM;
	op->domain = id;
	c->shared_info_mfn = d->shared_info_mfn;
	return 0;
}

static uint32_t domain_flags(const struct domain *d)
{
	uint32_t f = 0;

	if (d->state == DOMAIN_DYING)
		f |= SHALE_DOMINF_dying;
	if (d->state == DOMAIN_SHUTDOWN)
		f |= SHALE_DOMINF_shutdown;
	if (d->paused)
		f |= SHALE_DOMINF_paused;
	if (d->vcpu0->blocked)
		f |= SHALE_DOMINF_blocked;
	if (d == current_domain())
		f |= SHALE_DOMINF_running;
	if (d->privileged)
		f |= SHALE_DOMINF_privileged;
	return f;
}

static long domctl_getdomaininfo(struct shale_domctl *op)
{
	struct shale_domctl_getdomaininfo *i = &op->u.getdomaininfo;
	struct domain *d = domain_next(op->domain);

	if (!d)
		return -ESRCH;
	memset(i, 0, sizeof(*i));
	op->domain = d->domid;
	i->domain = d->domid;
	i->flags = domain_flags(d);
	i->shutdown_reason = d->shutdown_reason;
	i->nr_online_vcpus = d->vcpu0->initialised ? 1 : 0;
	i->tot_pages = d->tot_pages;
	i->max_pages = d->max_pages;
	i->shared_info_mfn = d->shared_info_mfn;
	i->cpu_time_ns = d->vcpu0->cpu_time_ns;
	i->weight = d->weight;
	i->cap = d->cap;
	strlcpy(i->name, d->name, sizeof(i->name));
	return 0;
}

static long domctl_setvcpucontext(struct domain *d, struct shale_domctl *op)
{
	struct shale_domctl_setvcpucontext *s = &op->u.setvcpucontext;
	struct shale_vcpu_guest_context c;
	struct vcpu *v = d->vcpu0;
	struct cpu_user_regs *r = &v->regs;
	int rc;

	if (s->vcpu != 0 || s->pad)
		return -EINVAL;
	if (!d->paused)
		return -EBUSY;
	if (copy_from_guest(&c, s->ctx, sizeof(c)))
		return -EFAULT;
	if (!guest_range_ok(c.rip, 1) || !is_canonical(c.rsp) ||
	    !guest_range_ok(c.event_callback, 1) || !guest_range_ok(c.failsafe_callback, 1))
		return -EINVAL;
	rc = set_base_table(v, c.cr3_mfn);
	if (rc)
		return rc;
	memset(r, 0, sizeof(*r));
	r->rip = c.rip;
	r->rsp = c.rsp;
	r->rflags = (c.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_VM)) |
		    X86_EFLAGS_IF | X86_EFLAGS_MBS;
	r->rax = c.rax, r->rbx = c.rbx, r->rcx = c.rcx, r->rdx = c.rdx;
	r->rsi = c.rsi, r->rdi = c.rdi, r->rbp = c.rbp;
	r->r8 = c.r8, r->r9 = c.r9, r->r10 = c.r10, r->r11 = c.r11;
	r->r12 = c.r12, r->r13 = c.r13, r->r14 = c.r14, r->r15 = c.r15;
	r->cs = SHALE_GUEST_CS;
	r->ss = SHALE_GUEST_SS;
	v->event_callback = c.event_callback;
	v->failsafe_callback = c.failsafe_callback;
	v->initialised = true;
	vcpu_update_runnable(v);
	return 0;
}

static long domctl_sched_set(struct domain *d, const struct shale_domctl_sched *s)
{
	if (s->weight < 1 || s->weight > 65535 || s->cap > 100)
		return -EINVAL;
	d->weight = s->weight;
	d->cap = s->cap;
	return 0;
}

static long domctl_readconsole(struct shale_domctl_console *c)
{
	static char buf[4096];
	uint64_t done = 0;

	/* Page by page through a bounce buffer: the ring is read oldest first. */
	while (done < c->size) {
		size_t want = MIN(c->size - done, sizeof(buf));
		size_t n = console_ring_read_from(buf, want, done);

		if (!n)
			break;
		if (copy_to_guest(c->buffer + done, buf, n))
			return -EFAULT;
		done += n;
	}
	c->size = done;
	return 0;
}

static long domctl_physinfo(struct shale_domctl_physinfo *p)
{
	memset(p, 0, sizeof(*p));
	p->nr_cpus = 1;
	p->cpu_khz = tsc_hz / 1000;
	p->total_pages = frame_total_count();
	p->free_pages = frame_free_count();
	p->scrub_pages = frame_dirty_count();
	p->max_mfn = max_mfn;
	p->nr_domains = domain_count();
	memcpy(p->cpu_brand, cpu_features.brand, sizeof(p->cpu_brand));
	return 0;
}

static long domctl_on_domain(struct shale_domctl *op)
{
	struct domain *d;
	long rc;

	if (!known_domain_op(op->cmd))
		return -ENOSYS;
	rc = target_domain(op, &d);
	if (rc)
		return rc;
	switch (op->cmd) {
	case SHALE_DOMCTL_destroydomain:
		domain_destroy(d);
		return 0;
	case SHALE_DOMCTL_pausedomain:
		domain_pause(d);
		return 0;
	case SHALE_DOMCTL_unpausedomain:
		domain_unpause(d);
		return 0;
	case SHALE_DOMCTL_max_mem:
		d->max_pages = op->u.max_pages;
		return 0;
	case SHALE_DOMCTL_setvcpucontext:
		return domctl_setvcpucontext(d, op);
	case SHALE_DOMCTL_sched_get:
		op->u.sched.weight = d->weight;
		op->u.sched.cap = d->cap;
		return 0;
	case SHALE_DOMCTL_sched_set:
		return domctl_sched_set(d, &op->u.sched);
	case SHALE_DOMCTL_remote_shutdown:
		if (op->u.shutdown_reason > SHALE_SHUTDOWN_watchdog)
			return -EINVAL;
		domain_shutdown(d, op->u.shutdown_reason);
		return 0;
	default:
		return -ENOSYS;
	}
}

static long domctl_dispatch(struct shale_domctl *op)
{
	switch (op->cmd) {
	case SHALE_DOMCTL_createdomain:
		return domctl_createdomain(op);
	case SHALE_DOMCTL_getdomaininfo:
		return domctl_getdomaininfo(op);
	case SHALE_DOMCTL_readconsole:
		return domctl_readconsole(&op->u.console);
	case SHALE_DOMCTL_physinfo:
		return domctl_physinfo(&op->u.physinfo);
	default:
		return domctl_on_domain(op);
	}
}

long do_domctl(uint64_t arg)
{
	struct shale_domctl op;
	long rc;

	if (!current_domain()->privileged)
		return -EPERM;
	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != SHALE_DOMCTL_VERSION || op.pad0 || op.pad1)
		return -EINVAL;
	rc = domctl_dispatch(&op);
	if (!rc && copy_to_guest(arg, &op, sizeof(op)))
		return -EFAULT;
	return rc;
}
