/* SPDX-License-Identifier: MIT */
/*
 * Domains the hypervisor builds itself from boot modules: dom0 (module 1,
 * its initrd module 2) and any further module whose command line holds
 * domain=NAME (dom0less-style domains that tests use).
 */
#ifndef SHALE_HV_BOOT_DOMAIN_H
#define SHALE_HV_BOOT_DOMAIN_H

#include "bootinfo.h"
#include "domain.h"

struct boot_domain_spec {
	const struct boot_module *kernel;
	const struct boot_module *initrd;	/* NULL: none */
	uint64_t mem_bytes;
	shale_domid_t domid;
	bool privileged;
	const char *name;
	const char *cmdline;			/* the kernel's command line */
};

/*
 * Builds a domain from an ELF64 kernel module: memory, segments, initrd,
 * start_info, validated bootstrap page tables, initial registers. The
 * domain is left paused. Returns NULL after printing why.
 */
struct domain *boot_domain_build(const struct boot_domain_spec *spec);

/* True when a module's command line has a domain= word. */
bool boot_module_is_domain(const struct boot_module *m);
/*
 * Starts every module after dom0's whose command line reads
 * "domain=NAME [mem=MiB] kernel arguments..." (32 MiB by default).
 */
void boot_domains_start_extra(void);

#endif /* SHALE_HV_BOOT_DOMAIN_H */
