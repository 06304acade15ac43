/* SPDX-License-Identifier: MIT */
/*
 * shared_info: the page the hypervisor and a domain share.
 *
 * One page per domain, owned by the hypervisor and mapped writable into the
 * domain (start_info.shared_info_va). It holds per-vCPU state (event upcall
 * flags, the last page-fault address, time) and the domain-wide event
 * bitmaps and wallclock. Each field says who writes it: HV = hypervisor
 * only, G = guest only, both = both with atomic operations.
 */
#ifndef SHALE_PUBLIC_SHARED_INFO_H
#define SHALE_PUBLIC_SHARED_INFO_H

#include "shale.h"

#define SHALE_MAX_VCPUS		32
#define SHALE_NR_EVTCHN_WORDS	64	/* 64 x 64 = 4096 ports */

#ifndef __ASSEMBLER__
/*
 * System time of a vCPU, read lock-free: read version, read the fields,
 * read version again; retry if it changed or is odd (an update is under
 * way). ns since boot = system_time_ns +
 *   ((tsc_now - tsc_timestamp) << tsc_shift (or >> -tsc_shift)) * mul >> 32.
 */
struct shale_vcpu_time_info {
	uint32_t version;		/* HV: odd while updating */
	uint32_t pad0;
	uint64_t tsc_timestamp;		/* HV: TSC value at the last update */
	uint64_t system_time_ns;	/* HV: ns since boot at tsc_timestamp */
	uint32_t tsc_to_system_mul;	/* HV: fixed-point 32.32 multiplier */
	int8_t tsc_shift;		/* HV: shift applied before multiplying */
	uint8_t pad1[3];
};	/* 32 bytes */

struct shale_vcpu_info {
	uint8_t evtchn_upcall_pending;	/* both: HV sets, guest clears */
	uint8_t evtchn_upcall_mask;	/* G: non-zero blocks upcalls */
	uint8_t pad0[6];
	uint64_t evtchn_pending_sel;	/* both: words of evtchn_pending to scan */
	uint64_t cr2;			/* HV: address of the last page fault */
	uint64_t pad1;
	struct shale_vcpu_time_info time;
};	/* 64 bytes */

struct shale_shared_info {
	struct shale_vcpu_info vcpu_info[SHALE_MAX_VCPUS];
	uint64_t evtchn_pending[SHALE_NR_EVTCHN_WORDS];	/* both */
	uint64_t evtchn_mask[SHALE_NR_EVTCHN_WORDS];	/* G */
	uint32_t wc_version;		/* HV: odd while updating */
	uint32_t wc_nsec;		/* HV: wallclock at boot, ns part */
	uint64_t wc_sec;		/* HV: wallclock at boot, seconds since 1970 */
};	/* 3088 bytes */

_Static_assert(sizeof(struct shale_vcpu_time_info) == 32, "vcpu_time_info size");
_Static_assert(sizeof(struct shale_vcpu_info) == 64, "vcpu_info size");
_Static_assert(__builtin_offsetof(struct shale_vcpu_info, cr2) == 16, "cr2");
_Static_assert(__builtin_offsetof(struct shale_shared_info, evtchn_pending) == 2048, "pending");
_Static_assert(sizeof(struct shale_shared_info) == 3088, "shared_info size");
#endif

#endif /* SHALE_PUBLIC_SHARED_INFO_H */
