/* SPDX-License-Identifier: MIT */
/*
 * Event channels, 2-level: per-domain port tables (allocated 256 ports at a
 * time) and the pending/mask bitmaps in shared_info. Every port a guest
 * names is checked, from 0 to all ones, before it indexes anything.
 */
#include <arch/page.h>
#include <public/event_channel.h>
#include <string.h>
#include "console.h"
#include "event_channel.h"
#include "frame.h"
#include "guest_access.h"
#include "hypercall.h"
#include "schedule.h"

_Static_assert(EVTCHN_BUCKET_PORTS * sizeof(struct evtchn) <= PAGE_SIZE, "bucket fits a frame");

static spinlock_t evtchn_lock = SPINLOCK_INIT;

static struct evtchn *port_lookup(struct domain *d, uint32_t port)
{
	struct evtchn *bucket;

	if (port == 0 || port >= SHALE_NR_EVENT_CHANNELS)
		return NULL;
	bucket = d->evtchn[port / EVTCHN_BUCKET_PORTS];
	return bucket ? &bucket[port % EVTCHN_BUCKET_PORTS] : NULL;
}

/* A port in use by d (not closed), or NULL. */
static struct evtchn *port_in_use(struct domain *d, uint32_t port)
{
	struct evtchn *c = port_lookup(d, port);

	return c && c->state != SHALE_EVTCHNSTAT_closed ? c : NULL;
}

static long port_alloc(struct domain *d)
{
	for (uint32_t b = 0; b < EVTCHN_BUCKETS; b++) {
		if (!d->evtchn[b]) {
			mfn_t mfn = frame_alloc(OWNER_HV);

			if (mfn == INVALID_MFN)
				return -ENOMEM;
			mfn_to_page(mfn)->type = PGT_HV;
			d->evtchn[b] = mfn_to_virt(mfn);
		}
		for (uint32_t i = b ? 0 : 1; i < EVTCHN_BUCKET_PORTS; i++)
			if (d->evtchn[b][i].state == SHALE_EVTCHNSTAT_closed)
				return b * EVTCHN_BUCKET_PORTS + i;
	}
	return -ENOSPC;
}

/* One locked bts: the guest may change the same word at any time. */
static bool test_and_set(uint64_t *words, uint32_t bit)
{
	bool was_set;

	asm volatile("lock btsq %2, %0" : "+m"(words[bit / 64]), "=@ccc"(was_set)
		     : "r"((uint64_t)(bit % 64)) : "memory");
	return was_set;
}

static bool test_bit64(const uint64_t *words, uint32_t bit)
{
	return __atomic_load_n(&words[bit / 64], __ATOMIC_SEQ_CST) & (1ULL << (bit % 64));
}

static bool polled_by(const struct vcpu *v, uint32_t port)
{
	for (uint32_t i = 0; v->polling && i < v->nr_poll_ports; i++)
		if (v->poll_ports[i] == port)
			return true;
	return false;
}

/* Flags the port's word in the selector and the vCPU's upcall as pending. */
static void raise_upcall(struct shale_vcpu_info *vi, uint32_t port)
{
	test_and_set(&vi->evtchn_pending_sel, port / 64);
	__atomic_store_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_RELEASE);
}

/* Marks port pending in d and, unless masked, raises an upcall on its vCPU. */
static void set_pending(struct domain *d, uint32_t port)
{
	struct shale_shared_info *s = d->shared_info;
	struct evtchn *c = port_lookup(d, port);
	struct vcpu *v = d->vcpu0;
	struct shale_vcpu_info *vi;

	if (!c || d->state == DOMAIN_DYING)
		return;
	vi = vcpu_info(v);
	/* Already pending: nothing changes (and a plain read is cheaper than the locked bts). */
	if (test_bit64(s->evtchn_pending, port) || test_and_set(s->evtchn_pending, port))
		return;
	if (polled_by(v, port))
		vcpu_wake(v);
	if (test_bit64(s->evtchn_mask, port))
		return;
	raise_upcall(vi, port);
	if (v->blocked)
		vcpu_wake(v);
}

bool evtchn_is_pending(struct domain *d, uint32_t port)
{
	return port_in_use(d, port) && test_bit64(d->shared_info->evtchn_pending, port);
}

void evtchn_send_vcpu_virq(struct vcpu *v, unsigned int virq)
{
	if (virq < SHALE_NR_VIRQS && v->virq_port[virq])
		set_pending(v->domain, v->virq_port[virq]);
}

void evtchn_send_global_virq(unsigned int virq)
{
	struct domain *d0 = domain_lookup(0);

	if (d0 && virq < SHALE_NR_VIRQS && d0->virq_port[virq])
		set_pending(d0, d0->virq_port[virq]);
}

void evtchn_poll_console_input(void)
{
	struct domain *d0 = domain_lookup(0);

	if (!d0 || !console_has_input())
		return;
	if (d0->virq_port[SHALE_VIRQ_CONSOLE]) {
		evtchn_send_global_virq(SHALE_VIRQ_CONSOLE);
		return;
	}
	/* A dom0 that blocks without binding the virq is woken all the same. */
	if (d0->vcpu0->blocked)
		vcpu_wake(d0->vcpu0);
}

/* Bookkeeping of unbound ports offered across domains (see forget_offers). */
static void offer_made(struct domain *owner, shale_domid_t to)
{
	struct domain *t = to == owner->domid ? NULL : domain_lookup(to);

	if (t)
		t->evtchn_offers++;
}

static void offer_gone(struct domain *owner, shale_domid_t to)
{
	struct domain *t = to == owner->domid ? NULL : domain_lookup(to);

	if (t && t->evtchn_offers)
		t->evtchn_offers--;
}

/*
 * A destroyed domain's id may be reused: ports other domains still offer
 * to it are re-offered to nobody, so a newcomer with the same id cannot
 * bind them. Only scanned when such offers exist.
 */
static void forget_offers(struct domain *d)
{
	for (struct domain *o = domain_next(0); o && d->evtchn_offers;
	     o = domain_next(o->domid + 1)) {
		for (uint32_t b = 0; o != d && b < EVTCHN_BUCKETS; b++) {
			for (uint32_t i = 0; o->evtchn[b] && i < EVTCHN_BUCKET_PORTS; i++) {
				struct evtchn *c = &o->evtchn[b][i];

				if (c->state == SHALE_EVTCHNSTAT_unbound && c->remote_dom == d->domid) {
					c->remote_dom = SHALE_DOMID_INVALID;
					d->evtchn_offers--;
				}
			}
		}
	}
}

static bool global_virq(uint32_t virq)
{
	return virq == SHALE_VIRQ_CONSOLE || virq == SHALE_VIRQ_DOM_EXC;
}

/* Frees port; an interdomain peer becomes unbound, offered back to d. */
static void close_port(struct domain *d, uint32_t port, bool dying)
{
	struct evtchn *c = port_lookup(d, port);
	struct domain *peer;
	struct evtchn *pc;

	switch (c->state) {
	case SHALE_EVTCHNSTAT_unbound:
		offer_gone(d, c->remote_dom);
		break;
	case SHALE_EVTCHNSTAT_interdomain:
		peer = domain_lookup(c->remote_dom);
		pc = peer ? port_lookup(peer, c->remote_port) : NULL;
		if (pc && pc->state == SHALE_EVTCHNSTAT_interdomain && pc->remote_dom == d->domid &&
		    pc->remote_port == port) {
			pc->state = SHALE_EVTCHNSTAT_unbound;
			/* A dying domain's id may be reused: nobody may bind there again. */
			pc->remote_dom = dying ? SHALE_DOMID_INVALID : d->domid;
			pc->remote_port = 0;
			if (!dying)
				offer_made(peer, d->domid);
			set_pending(peer, c->remote_port);
		}
		break;
	case SHALE_EVTCHNSTAT_virq:
		if (global_virq(c->virq))
			d->virq_port[c->virq] = 0;
		else
			d->vcpu0->virq_port[c->virq] = 0;
		break;
	}
	memset(c, 0, sizeof(*c));
	__atomic_fetch_and(&d->shared_info->evtchn_pending[port / 64], ~(1ULL << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

void evtchn_destroy(struct domain *d)
{
	unsigned long flags = spin_lock_irqsave(&evtchn_lock);

	forget_offers(d);
	for (uint32_t b = 0; b < EVTCHN_BUCKETS; b++) {
		if (!d->evtchn[b])
			continue;
		for (uint32_t i = 0; i < EVTCHN_BUCKET_PORTS; i++)
			if (d->evtchn[b][i].state != SHALE_EVTCHNSTAT_closed)
				close_port(d, b * EVTCHN_BUCKET_PORTS + i, true);
		frame_free(virt_to_mfn(d->evtchn[b]));
		d->evtchn[b] = NULL;
	}
	spin_unlock_irqrestore(&evtchn_lock, flags);
}

static long evtchn_alloc_unbound(struct shale_evtchn_alloc_unbound *a)
{
	struct domain *d, *remote;
	long port;
	int rc = domain_for_op(current_domain(), a->dom, &d);

	if (rc)
		return rc;
	remote = a->remote_dom == SHALE_DOMID_SELF ? d : domain_lookup(a->remote_dom);
	if (!remote || remote->state == DOMAIN_DYING)
		return -ESRCH;
	port = port_alloc(d);
	if (port < 0)
		return port;
	*port_lookup(d, port) = (struct evtchn){ .state = SHALE_EVTCHNSTAT_unbound,
						 .remote_dom = remote->domid };
	offer_made(d, remote->domid);
	a->port = port;
	return 0;
}

static long evtchn_bind_interdomain(struct shale_evtchn_bind_interdomain *b)
{
	struct domain *d = current_domain(), *remote;
	struct evtchn *rc;
	long port;

	if (b->pad)
		return -EINVAL;
	remote = b->remote_dom == SHALE_DOMID_SELF ? d : domain_lookup(b->remote_dom);
	if (!remote || remote->state == DOMAIN_DYING)
		return -ESRCH;
	rc = port_in_use(remote, b->remote_port);
	if (!rc || rc->state != SHALE_EVTCHNSTAT_unbound || rc->remote_dom != d->domid)
		return -EINVAL;
	port = port_alloc(d);
	if (port < 0)
		return port;
	*port_lookup(d, port) = (struct evtchn){ .state = SHALE_EVTCHNSTAT_interdomain,
						 .remote_dom = remote->domid,
						 .remote_port = b->remote_port };
	offer_gone(remote, d->domid);
	rc->state = SHALE_EVTCHNSTAT_interdomain;
	rc->remote_dom = d->domid;
	rc->remote_port = port;
	b->local_port = port;
	/* Whatever the peer sent before the bind is not lost. */
	set_pending(d, port);
	return 0;
}

static long evtchn_bind_virq(struct shale_evtchn_bind_virq *b)
{
	struct domain *d = current_domain();
	uint32_t *slot;
	long port;

	if (b->virq >= SHALE_NR_VIRQS || b->vcpu != 0)
		return -EINVAL;
	if (global_virq(b->virq) && !d->privileged)
		return -EPERM;
	slot = global_virq(b->virq) ? &d->virq_port[b->virq] : &d->vcpu0->virq_port[b->virq];
	if (*slot)
		return -EEXIST;
	port = port_alloc(d);
	if (port < 0)
		return port;
	*port_lookup(d, port) = (struct evtchn){ .state = SHALE_EVTCHNSTAT_virq,
						 .virq = b->virq };
	*slot = port;
	b->port = port;
	return 0;
}

static long evtchn_bind_ipi(struct shale_evtchn_bind_ipi *b)
{
	struct domain *d = current_domain();
	long port;

	if (b->vcpu != 0)
		return -EINVAL;
	port = port_alloc(d);
	if (port < 0)
		return port;
	*port_lookup(d, port) = (struct evtchn){ .state = SHALE_EVTCHNSTAT_ipi };
	b->port = port;
	return 0;
}

static long evtchn_close(uint32_t port)
{
	struct domain *d = current_domain();

	if (!port_in_use(d, port))
		return -EINVAL;
	close_port(d, port, false);
	return 0;
}

static long evtchn_send(uint32_t port)
{
	struct domain *d = current_domain();
	struct evtchn *c = port_in_use(d, port);
	struct domain *peer;

	if (!c)
		return -EINVAL;
	switch (c->state) {
	case SHALE_EVTCHNSTAT_interdomain:
		peer = domain_lookup(c->remote_dom);
		if (peer)
			set_pending(peer, c->remote_port);
		return 0;
	case SHALE_EVTCHNSTAT_ipi:
		set_pending(d, port);
		return 0;
	default:
		return -EINVAL;
	}
}

static long evtchn_status(struct shale_evtchn_status *st)
{
	struct domain *d;
	struct evtchn *c;
	int rc = domain_for_op(current_domain(), st->dom, &d);

	if (rc)
		return rc;
	if (st->pad)
		return -EINVAL;
	c = port_lookup(d, st->port);
	if (!c && (st->port == 0 || st->port >= SHALE_NR_EVENT_CHANNELS))
		return -EINVAL;
	memset(&st->u, 0, sizeof(st->u));
	st->status = c ? c->state : SHALE_EVTCHNSTAT_closed;
	st->vcpu = c ? c->vcpu : 0;
	if (!c)
		return 0;
	if (c->state == SHALE_EVTCHNSTAT_unbound)
		st->u.unbound.dom = c->remote_dom;
	else if (c->state == SHALE_EVTCHNSTAT_interdomain) {
		st->u.interdomain.dom = c->remote_dom;
		st->u.interdomain.port = c->remote_port;
	} else if (c->state == SHALE_EVTCHNSTAT_virq) {
		st->u.virq = c->virq;
	}
	return 0;
}

static long evtchn_unmask(uint32_t port)
{
	struct domain *d = current_domain();
	struct shale_shared_info *s = d->shared_info;
	struct shale_vcpu_info *vi = vcpu_info(d->vcpu0);

	if (!port_in_use(d, port))
		return -EINVAL;
	__atomic_fetch_and(&s->evtchn_mask[port / 64], ~(1ULL << (port % 64)), __ATOMIC_SEQ_CST);
	/* An event that arrived while masked is delivered now. */
	if (test_bit64(s->evtchn_pending, port)) {
		raise_upcall(vi, port);
	}
	return 0;
}

/* Copies the argument in, runs op on the copy, copies it back out on success. */
#define EVTCHN_OP(type, fn, arg) ({ \
	type a_; \
	long rc_ = copy_from_guest(&a_, arg, sizeof(a_)) ? -EFAULT : fn(&a_); \
	if (!rc_ && copy_to_guest(arg, &a_, sizeof(a_))) \
		rc_ = -EFAULT; \
	rc_; \
})

static long port_op(long (*fn)(uint32_t), uint64_t arg)
{
	struct shale_evtchn_port_arg a;

	if (copy_from_guest(&a, arg, sizeof(a)))
		return -EFAULT;
	return fn(a.port);
}

long do_event_channel_op(unsigned int cmd, uint64_t arg)
{
	long rc;

	/* Hypercalls run with interrupts off: a plain lock is enough here. */
	spin_lock(&evtchn_lock);

	switch (cmd) {
	case SHALE_EVTCHNOP_alloc_unbound:
		rc = EVTCHN_OP(struct shale_evtchn_alloc_unbound, evtchn_alloc_unbound, arg);
		break;
	case SHALE_EVTCHNOP_bind_interdomain:
		rc = EVTCHN_OP(struct shale_evtchn_bind_interdomain, evtchn_bind_interdomain, arg);
		break;
	case SHALE_EVTCHNOP_bind_virq:
		rc = EVTCHN_OP(struct shale_evtchn_bind_virq, evtchn_bind_virq, arg);
		break;
	case SHALE_EVTCHNOP_bind_ipi:
		rc = EVTCHN_OP(struct shale_evtchn_bind_ipi, evtchn_bind_ipi, arg);
		break;
	case SHALE_EVTCHNOP_status:
		rc = EVTCHN_OP(struct shale_evtchn_status, evtchn_status, arg);
		break;
	case SHALE_EVTCHNOP_close:
		rc = port_op(evtchn_close, arg);
		break;
	case SHALE_EVTCHNOP_send:
		rc = port_op(evtchn_send, arg);
		break;
	case SHALE_EVTCHNOP_unmask:
		rc = port_op(evtchn_unmask, arg);
		break;
	default:
		rc = -ENOSYS;
	}
	spin_unlock(&evtchn_lock);
	return rc;
}
