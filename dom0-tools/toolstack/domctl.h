/* SPDX-License-Identifier: MIT */
/*
 * Domain control for the toolstack: one small function per domctl sub-op
 * (include/public/domctl.h), in the spirit of libxc's xc_domain_*(). Each
 * fills a struct shale_domctl, issues the hypercall and copies the OUT
 * fields back. All return 0 or a negative SHALE_E* value (ts_errname()
 * names it); none prints anything.
 */
#ifndef SHALE_DOM0_TOOLSTACK_DOMCTL_H
#define SHALE_DOM0_TOOLSTACK_DOMCTL_H

#include <stddef.h>
#include <stdint.h>
#include <public/domctl.h>
#include <public/errno.h>

typedef struct shale_domctl_getdomaininfo ts_dominfo_t;

/* The raw call (HYPERVISOR_domctl()): op->interface_version is filled in. */
long ts_domctl(struct shale_domctl *op);

/*
 * A new paused domain with no memory called name (at most
 * SHALE_DOMAIN_NAME_SIZE - 1 characters), with the next unused id after
 * the last one this function gave (wrapping before the reserved ids), as
 * Xen hands out domids. OUT *domid and *shared_info_mfn. -SHALE_ENOSPC
 * when every id is taken.
 */
int ts_domain_create(const char *name, uint16_t *domid, uint64_t *shared_info_mfn);

int ts_domain_destroy(uint16_t domid);
int ts_domain_pause(uint16_t domid);
int ts_domain_unpause(uint16_t domid);

/* SHALE_SHUTDOWN_* reason, as if the domain had asked itself. */
int ts_domain_shutdown(uint16_t domid, unsigned int reason);

/* The most frames the domain may own. */
int ts_domain_max_mem(uint16_t domid, uint64_t max_pages);

/* Loads vCPU 0's registers and address space (the domain must be paused). */
int ts_domain_set_vcpu_context(uint16_t domid, const struct shale_vcpu_guest_context *ctx);

/* Scheduler parameters: weight 1..65535, cap in percent of a CPU (0 = none). */
int ts_sched_get(uint16_t domid, uint32_t *weight, uint32_t *cap);
int ts_sched_set(uint16_t domid, uint32_t weight, uint32_t cap);

/* Exactly domain domid: -SHALE_ESRCH if it does not exist. */
int ts_domain_info(uint16_t domid, ts_dominfo_t *info);

/*
 * The domain with the lowest id >= from (walk with from = last id + 1).
 * -SHALE_ESRCH past the last one.
 */
int ts_domain_info_next(uint16_t from, ts_dominfo_t *info);

/* Host facts: CPUs, TSC rate, frames in total and free. */
int ts_physinfo(struct shale_domctl_physinfo *info);

/*
 * Copies the hypervisor's log ring, oldest first, into buf (size bytes at
 * most); *len receives the bytes copied.
 */
int ts_read_console(char *buf, size_t size, size_t *len);

#endif /* SHALE_DOM0_TOOLSTACK_DOMCTL_H */
