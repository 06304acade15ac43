/* SPDX-License-Identifier: MIT */
/* Domain control wrappers: fill a struct shale_domctl, call, copy the OUT fields back. */
#include <hypercall.h>
#include <string.h>
#include "domctl.h"

long ts_domctl(struct shale_domctl *op)
{
	return HYPERVISOR_domctl(op);
}

/* An op on domain domid with no arguments beyond the id. */
static int simple_op(uint32_t cmd, uint16_t domid)
{
	struct shale_domctl op = { .cmd = cmd, .domain = domid };

	return (int)ts_domctl(&op);
}

/*
 * Ids are handed out in increasing order and wrap, as Xen's toolstack
 * does, rather than the lowest free one the hypervisor would pick: a
 * restarted domain gets a new id, and an id that just died is not reused
 * while someone may still hold it.
 */
static uint16_t next_domid = 1;

static long create_with_id(struct shale_domctl *op, uint16_t id)
{
	op->domain = id;
	return ts_domctl(op);
}

int ts_domain_create(const char *name, uint16_t *domid, uint64_t *shared_info_mfn)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_createdomain };
	long rc = -SHALE_EEXIST;

	if (strlcpy(op.u.createdomain.name, name, sizeof(op.u.createdomain.name)) >=
	    sizeof(op.u.createdomain.name))
		return -SHALE_EINVAL;
	op.u.createdomain.max_vcpus = 1;
	for (uint32_t tries = 1; tries < SHALE_DOMID_FIRST_RESERVED && rc == -SHALE_EEXIST;
	     tries++) {
		uint16_t id = next_domid;

		next_domid = next_domid + 1 >= SHALE_DOMID_FIRST_RESERVED ? 1 : next_domid + 1;
		rc = create_with_id(&op, id);
	}
	if (rc == -SHALE_EEXIST)
		rc = -SHALE_ENOSPC;
	if (rc)
		return (int)rc;
	*domid = op.domain;
	*shared_info_mfn = op.u.createdomain.shared_info_mfn;
	return 0;
}

int ts_domain_destroy(uint16_t domid)
{
	return simple_op(SHALE_DOMCTL_destroydomain, domid);
}

int ts_domain_pause(uint16_t domid)
{
	return simple_op(SHALE_DOMCTL_pausedomain, domid);
}

int ts_domain_unpause(uint16_t domid)
{
	return simple_op(SHALE_DOMCTL_unpausedomain, domid);
}

int ts_domain_shutdown(uint16_t domid, unsigned int reason)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_remote_shutdown, .domain = domid };

	op.u.shutdown_reason = reason;
	return (int)ts_domctl(&op);
}

int ts_domain_max_mem(uint16_t domid, uint64_t max_pages)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_max_mem, .domain = domid };

	op.u.max_pages = max_pages;
	return (int)ts_domctl(&op);
}

int ts_domain_set_vcpu_context(uint16_t domid, const struct shale_vcpu_guest_context *ctx)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_setvcpucontext, .domain = domid };

	op.u.setvcpucontext.vcpu = 0;
	op.u.setvcpucontext.ctx = (uintptr_t)ctx;
	return (int)ts_domctl(&op);
}

int ts_sched_get(uint16_t domid, uint32_t *weight, uint32_t *cap)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_sched_get, .domain = domid };
	long rc = ts_domctl(&op);

	if (rc)
		return (int)rc;
	*weight = op.u.sched.weight;
	*cap = op.u.sched.cap;
	return 0;
}

int ts_sched_set(uint16_t domid, uint32_t weight, uint32_t cap)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_sched_set, .domain = domid };

	op.u.sched.weight = weight;
	op.u.sched.cap = cap;
	return (int)ts_domctl(&op);
}

int ts_domain_info_next(uint16_t from, ts_dominfo_t *info)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_getdomaininfo, .domain = from };
	long rc = ts_domctl(&op);

	if (rc)
		return (int)rc;
	*info = op.u.getdomaininfo;
	info->name[sizeof(info->name) - 1] = '\0';
	return 0;
}

int ts_domain_info(uint16_t domid, ts_dominfo_t *info)
{
	int rc = ts_domain_info_next(domid, info);

	if (rc)
		return rc;
	return info->domain == domid ? 0 : -SHALE_ESRCH;
}

int ts_physinfo(struct shale_domctl_physinfo *info)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_physinfo };
	long rc = ts_domctl(&op);

	if (rc)
		return (int)rc;
	*info = op.u.physinfo;
	info->cpu_brand[sizeof(info->cpu_brand) - 1] = '\0';
	return 0;
}

int ts_read_console(char *buf, size_t size, size_t *len)
{
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_readconsole };
	long rc;

	op.u.console.buffer = (uintptr_t)buf;
	op.u.console.size = size;
	rc = ts_domctl(&op);
	if (rc)
		return (int)rc;
	*len = op.u.console.size;
	return 0;
}
