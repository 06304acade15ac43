/* SPDX-License-Identifier: MIT */
/*
 * Domains: which one this test kernel is, and domctl for the tests that
 * run as dom0 (include/public/domctl.h). A multi-domain test (test.mk
 * XT_EXTRA_MODULES) boots the same kernel again as unprivileged domains;
 * test_main() asks xt_is_dom0() which side it is.
 */
#ifndef SHALE_XT_DOMAIN_H
#define SHALE_XT_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <public/domctl.h>

/* True in the initial domain (start_info flags SHALE_SIF_INITDOMAIN). */
bool xt_is_dom0(void);

/*
 * domctl cmd on domain with the IN fields the caller put in op->u: fills
 * cmd, interface_version (SHALE_DOMCTL_VERSION), domain and the padding.
 * Returns domctl's result.
 */
long xt_domctl(struct shale_domctl *op, uint32_t cmd, shale_domid_t domain);

/*
 * getdomaininfo of exactly domid into *info: -SHALE_ESRCH when it names
 * no domain (also when the call describes the next one instead).
 */
long xt_domain_info(shale_domid_t domid, struct shale_domctl_getdomaininfo *info);

/* createdomain with name and one vCPU: the new id, or -SHALE_E*. */
long xt_create_domain(const char *name);

/* The id of the domain called name, by walking getdomaininfo; -SHALE_ESRCH if none. */
long xt_find_domain(const char *name);

/* physinfo into *p; 0 or -SHALE_E*. */
long xt_physinfo(struct shale_domctl_physinfo *p);

/*
 * Waits (sleeping 10 ms at a time) until getdomaininfo of domid shows any
 * of flags, up to timeout_ns of system time. 0 with *info filled, or
 * -SHALE_ESRCH (domain gone), -SHALE_ETIMEDOUT.
 */
long xt_wait_domain(shale_domid_t domid, uint32_t flags, uint64_t timeout_ns,
		    struct shale_domctl_getdomaininfo *info);

/*
 * The rendezvous of a multi-domain test: the domU waits for a port that
 * remote (dom0) offered it with alloc_unbound and binds it. It tries
 * bind_interdomain(remote, p) for every port p (those not offered to us
 * are -EINVAL), sleeping 10 ms between rounds, up to timeout_ns. Returns
 * the local port, or the last error (-SHALE_ETIMEDOUT if none other).
 */
long xt_connect_to(shale_domid_t remote, uint64_t timeout_ns);

#endif /* SHALE_XT_DOMAIN_H */
