/* SPDX-License-Identifier: MIT */
/*
 * The domain builder: turns a kernel image (and an optional ramdisk) into
 * a new PV domain, from dom0, with the layout and page-table code the
 * hypervisor uses for dom0 (hypervisor/common/libbuild/).
 *
 * Steps, each named in the error when it fails: parse the ELF, compute the
 * layout, createdomain, max_mem, increase_reservation (the p2m), map the
 * bootstrap area into dom0, load the kernel and ramdisk, write the p2m
 * list, start_info and the bootstrap page tables, unmap, record the M2P,
 * pin the L4, setvcpucontext, sched_set, unpause (unless asked not to).
 * A failure after createdomain destroys the half-built domain.
 */
#ifndef SHALE_DOM0_TOOLSTACK_BUILD_H
#define SHALE_DOM0_TOOLSTACK_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ts_build_spec {
	const char *name;		/* domain name: 1..31 characters */
	const void *kernel;		/* the ELF64 image, in dom0's memory */
	size_t kernel_size;
	const void *ramdisk;		/* NULL for none */
	size_t ramdisk_size;
	uint64_t nr_pages;		/* memory at start */
	uint64_t max_pages;		/* ceiling (>= nr_pages) */
	const char *cmdline;		/* at most 1023 characters */
	uint32_t weight, cap;		/* scheduler parameters */
	bool paused;			/* leave it paused (shl create -p) */
};

struct ts_build_result {
	uint16_t domid;			/* the new domain, when the build succeeded */
	uint64_t nr_mapped;		/* frames dom0 mapped to build it */
	const char *step;		/* on failure: the step that failed */
	int err;			/* on failure: its -SHALE_E* value */
	char detail[128];		/* on failure: more words, or "" */
};

/*
 * Builds the domain. Returns 0 with out->domid set, or the failing step's
 * negative SHALE_E* value with out->step, out->err and out->detail set;
 * nothing is left behind on failure (the half-built domain is destroyed).
 */
int ts_build_domain(const struct ts_build_spec *spec, struct ts_build_result *out);

/* One line for a failed build: "STEP: ENAME (DETAIL)". */
void ts_build_describe(const struct ts_build_result *res, char *buf, size_t size);

#endif /* SHALE_DOM0_TOOLSTACK_BUILD_H */
