/* SPDX-License-Identifier: MIT */
/* Which domain we are, and domctl helpers for tests running as dom0. */
#include <xt.h>

bool xt_is_dom0(void)
{
	return xt_si->flags & SHALE_SIF_INITDOMAIN;
}

long xt_domctl(struct shale_domctl *op, uint32_t cmd, shale_domid_t domain)
{
	op->cmd = cmd;
	op->interface_version = SHALE_DOMCTL_VERSION;
	op->domain = domain;
	op->pad0 = 0;
	op->pad1 = 0;
	return hc_domctl(op);
}

long xt_domain_info(shale_domid_t domid, struct shale_domctl_getdomaininfo *info)
{
	struct shale_domctl op = { 0 };
	long rc = xt_domctl(&op, SHALE_DOMCTL_getdomaininfo, domid);

	if (rc)
		return rc;
	*info = op.u.getdomaininfo;
	return info->domain == domid ? 0 : -SHALE_ESRCH;
}

long xt_create_domain(const char *name)
{
	struct shale_domctl op = { 0 };
	size_t n = strlen(name);
	long rc;

	if (n >= sizeof(op.u.createdomain.name))
		return -SHALE_EINVAL;
	memcpy(op.u.createdomain.name, name, n + 1);
	op.u.createdomain.max_vcpus = 1;
	rc = xt_domctl(&op, SHALE_DOMCTL_createdomain, 0);
	return rc ? rc : op.domain;
}

long xt_find_domain(const char *name)
{
	struct shale_domctl op = { 0 };

	for (uint32_t id = 0; id < SHALE_DOMID_FIRST_RESERVED; id = op.domain + 1) {
		if (xt_domctl(&op, SHALE_DOMCTL_getdomaininfo, id))
			break;
		if (!strcmp(op.u.getdomaininfo.name, name))
			return op.domain;
	}
	return -SHALE_ESRCH;
}

long xt_physinfo(struct shale_domctl_physinfo *p)
{
	struct shale_domctl op = { 0 };
	long rc = xt_domctl(&op, SHALE_DOMCTL_physinfo, 0);

	if (!rc)
		*p = op.u.physinfo;
	return rc;
}

long xt_wait_domain(shale_domid_t domid, uint32_t flags, uint64_t timeout_ns,
		    struct shale_domctl_getdomaininfo *info)
{
	uint64_t deadline = xt_now_ns() + timeout_ns;

	for (;;) {
		long rc = xt_domain_info(domid, info);

		if (rc)
			return rc;
		if (info->flags & flags)
			return 0;
		if (xt_now_ns() >= deadline)
			return -SHALE_ETIMEDOUT;
		xt_sleep_ns(10 * XT_MS);
	}
}

long xt_connect_to(shale_domid_t remote, uint64_t timeout_ns)
{
	uint64_t deadline = xt_now_ns() + timeout_ns;

	for (;;) {
		for (shale_evtchn_port_t p = 1; p < SHALE_NR_EVENT_CHANNELS; p++) {
			long rc = xt_evtchn_bind_interdomain(remote, p);

			if (rc > 0)
				return rc;
			if (rc != -SHALE_EINVAL)
				return rc;
		}
		if (xt_now_ns() >= deadline)
			return -SHALE_ETIMEDOUT;
		xt_sleep_ns(10 * XT_MS);
	}
}
