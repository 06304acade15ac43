/* SPDX-License-Identifier: MIT */
/*
 * The Shale guest ABI: common types, the ABI version and hypercall numbers.
 *
 * A hypercall is the `syscall` instruction executed by a guest kernel in
 * ring 3: rax holds the hypercall number, the arguments go in rdi, rsi,
 * rdx, r10, r8 and r9 (in that order), and the result comes back in rax:
 * zero or a positive count on success, a negative SHALE_E* value (errno.h)
 * on failure. rcx and r11 are clobbered by the instruction itself; every
 * other register is preserved.
 *
 * The numbers follow Xen's where a call has a Xen counterpart, so that the
 * layout is familiar; the structures are Shale's own.
 */
#ifndef SHALE_PUBLIC_SHALE_H
#define SHALE_PUBLIC_SHALE_H

#ifdef __ASSEMBLER__
#define SHALE_ULL(x)	x
#else
#include <stdint.h>
#define SHALE_ULL(x)	x##ULL
#endif

/* ABI version: major changes break guests, minor ones only add. */
#define SHALE_ABI_MAJOR		0
#define SHALE_ABI_MINOR		1

/* Hypercall numbers (rax). */
#define SHALE_HYPERCALL_set_trap_table		0
#define SHALE_HYPERCALL_mmu_update		1
#define SHALE_HYPERCALL_set_callbacks		4
#define SHALE_HYPERCALL_memory_op		12
#define SHALE_HYPERCALL_multicall		13
#define SHALE_HYPERCALL_update_va_mapping	14
#define SHALE_HYPERCALL_set_timer_op		15
#define SHALE_HYPERCALL_version			17
#define SHALE_HYPERCALL_console_io		18
#define SHALE_HYPERCALL_grant_table_op		20
#define SHALE_HYPERCALL_iret			23
#define SHALE_HYPERCALL_vcpu_op			24
#define SHALE_HYPERCALL_mmuext_op		26
#define SHALE_HYPERCALL_sched_op		29
#define SHALE_HYPERCALL_event_channel_op	32
#define SHALE_HYPERCALL_domctl			36
#define SHALE_NR_HYPERCALLS			64

#ifndef __ASSEMBLER__
typedef uint16_t shale_domid_t;		/* domain identifier */
typedef uint32_t shale_evtchn_port_t;	/* event-channel port number */
typedef uint64_t shale_pfn_t;		/* pseudo-physical frame number */
typedef uint64_t shale_mfn_t;		/* machine frame number */
#endif

#define SHALE_DOMID_SELF	0x7ff0	/* "the calling domain" */
#define SHALE_DOMID_INVALID	0x7ff4	/* no domain: the peer of a port whose other end died */
#define SHALE_DOMID_FIRST_RESERVED 0x7ff0	/* ids at or above are not domains */

#define SHALE_PAGE_SHIFT	12
#define SHALE_PAGE_SIZE		(1 << SHALE_PAGE_SHIFT)

#endif /* SHALE_PUBLIC_SHALE_H */
