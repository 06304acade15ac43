/* SPDX-License-Identifier: MIT */
/*
 * sched_op: yield, block, poll, shutdown and remote shutdown. Blocking
 * marks the vCPU and returns; the switch to another vCPU happens on the way
 * out (schedule.c), and the blocked vCPU later resumes just after its
 * hypercall with the result already in rax.
 */
#include <public/event_channel.h>
#include <public/sched.h>
#include "domain.h"
#include "event_channel.h"
#include "guest_access.h"
#include "hypercall.h"
#include "schedule.h"
#include "time.h"

static long sched_block(struct vcpu *v)
{
	/* An event that is already pending must not be slept through. */
	if (!__atomic_load_n(&vcpu_info(v)->evtchn_upcall_pending, __ATOMIC_SEQ_CST))
		vcpu_block_current();
	return 0;
}

static long sched_poll(struct vcpu *v, uint64_t arg)
{
	struct shale_sched_poll p;

	if (copy_from_guest(&p, arg, sizeof(p)))
		return -EFAULT;
	if (p.pad || p.nr_ports > SHALE_SCHED_POLL_MAX)
		return -EINVAL;
	if (copy_from_guest(v->poll_ports, p.ports, p.nr_ports * sizeof(uint32_t)))
		return -EFAULT;
	for (uint32_t i = 0; i < p.nr_ports; i++) {
		if (v->poll_ports[i] == 0 || v->poll_ports[i] >= SHALE_NR_EVENT_CHANNELS)
			return -EINVAL;
	}
	for (uint32_t i = 0; i < p.nr_ports; i++)
		if (evtchn_is_pending(v->domain, v->poll_ports[i]))
			return 0;
	v->nr_poll_ports = p.nr_ports;
	v->polling = true;
	timer_set_poll(v, p.timeout_ns);
	vcpu_block_current();
	return 0;
}

static long sched_shutdown(struct domain *d, uint64_t arg)
{
	struct shale_sched_shutdown req;

	if (copy_from_guest(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.reason > SHALE_SHUTDOWN_watchdog)
		return -EINVAL;
	if (req.reason == SHALE_SHUTDOWN_crash)
		domain_crash(d, "shutdown(crash) requested");
	else
		domain_shutdown(d, req.reason);
	return 0;
}

static long sched_remote_shutdown(struct domain *d, uint64_t arg)
{
	struct shale_sched_remote_shutdown req;
	struct domain *target;

	if (copy_from_guest(&req, arg, sizeof(req)))
		return -EFAULT;
	if (!d->privileged)
		return -EPERM;
	if (req.pad || req.reason > SHALE_SHUTDOWN_watchdog)
		return -EINVAL;
	target = domain_lookup(req.domid);
	if (!target || target->state == DOMAIN_DYING)
		return -ESRCH;
	/* As domctl: a domain stops itself with shutdown, not remote_shutdown. */
	if (target == d)
		return -EINVAL;
	domain_shutdown(target, req.reason);
	return 0;
}

long do_sched_op(unsigned int cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();

	switch (cmd) {
	case SHALE_SCHEDOP_yield:
		sched_yield_current();
		return 0;
	case SHALE_SCHEDOP_block:
		return sched_block(v);
	case SHALE_SCHEDOP_poll:
		return sched_poll(v, arg);
	case SHALE_SCHEDOP_shutdown:
		return sched_shutdown(v->domain, arg);
	case SHALE_SCHEDOP_remote_shutdown:
		return sched_remote_shutdown(v->domain, arg);
	default:
		return -ENOSYS;
	}
}
