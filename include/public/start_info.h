/* SPDX-License-Identifier: MIT */
/*
 * start_info: what a domain is told when it starts.
 *
 * The domain builder (the hypervisor for dom0, the toolstack for others)
 * starts a guest's vCPU 0 in ring 3 at the ELF entry point with:
 *   rsi = virtual address of struct shale_start_info (page aligned)
 *   rsp = top of a small boot stack inside the bootstrap area (16-byte
 *         aligned), rflags.IF = 1, all other general registers zero.
 *
 * Start-of-day virtual layout, all inside one linear mapping
 * va = virt_base + pfn * 4096 that covers every page of the domain:
 *
 *   virt_base ... kernel ELF segments (as linked)
 *             ... initrd (mod_start, mod_len), if any
 *             ... p2m list (mfn_list: nr_pages entries of 8 bytes)
 *             ... start_info page
 *             ... bootstrap page tables (pt_base, nr_pt_frames frames:
 *                 the L4 first, then L3, L2, L1 frames), mapped read-only
 *             ... boot stack (SHALE_BOOT_STACK_PAGES pages)
 *             ... free pages, from first_free_pfn to nr_pages - 1
 *
 * The shared_info page is not part of the domain's memory: it is the
 * hypervisor's, mapped writable at shared_info_va (the page after the last
 * pfn of the linear mapping).
 */
#ifndef SHALE_PUBLIC_START_INFO_H
#define SHALE_PUBLIC_START_INFO_H

#include "shale.h"

/* magic: "shale-<major>.<minor>-x86_64", NUL-padded to 32 bytes. */
#define SHALE_START_INFO_MAGIC_PREFIX	"shale-"
#define SHALE_STR_(x)			#x
#define SHALE_STR(x)			SHALE_STR_(x)
#define SHALE_START_INFO_MAGIC		"shale-" SHALE_STR(SHALE_ABI_MAJOR) "." \
					SHALE_STR(SHALE_ABI_MINOR) "-x86_64"
#define SHALE_START_INFO_MAGIC_SIZE	32
#define SHALE_CMDLINE_SIZE		1024
#define SHALE_BOOT_STACK_PAGES		4

/* flags */
#define SHALE_SIF_PRIVILEGED	(1u << 0)	/* may use privileged hypercalls */
#define SHALE_SIF_INITDOMAIN	(1u << 1)	/* the initial domain (dom0) */

#ifndef __ASSEMBLER__
struct shale_start_info {
	char magic[SHALE_START_INFO_MAGIC_SIZE];
	uint64_t nr_pages;		/* pages of RAM the domain owns */
	uint64_t shared_info_va;	/* where shared_info is mapped */
	uint64_t shared_info_mfn;	/* machine frame of shared_info */
	uint32_t flags;			/* SHALE_SIF_* */
	uint16_t domid;			/* this domain's id */
	uint16_t pad0;
	uint64_t store_mfn;		/* store ring frame, 0 if none (dom0, boot-time domains) */
	uint32_t store_evtchn;		/* its event channel */
	uint32_t console_evtchn;	/* console ring's event channel */
	uint64_t console_mfn;		/* console ring frame, 0 if none */
	uint64_t pt_base;		/* virtual address of the active L4 */
	uint64_t nr_pt_frames;		/* bootstrap page-table frames from pt_base */
	uint64_t mfn_list;		/* virtual address of the p2m list */
	uint64_t mod_start;		/* virtual address of the initrd, 0 if none */
	uint64_t mod_len;		/* initrd size in bytes */
	uint64_t virt_base;		/* virtual address of pfn 0 */
	uint64_t first_free_pfn;	/* first pfn the bootstrap layout leaves free */
	uint64_t boot_stack_top;	/* initial rsp */
	char cmd_line[SHALE_CMDLINE_SIZE];	/* NUL-terminated command line */
};	/* 1176 bytes */

_Static_assert(sizeof(struct shale_start_info) == 1176, "start_info size");
_Static_assert(__builtin_offsetof(struct shale_start_info, nr_pages) == 32, "nr_pages");
_Static_assert(__builtin_offsetof(struct shale_start_info, pt_base) == 88, "pt_base");
_Static_assert(__builtin_offsetof(struct shale_start_info, cmd_line) == 152, "cmd_line");
#endif

#endif /* SHALE_PUBLIC_START_INFO_H */
