/* SPDX-License-Identifier: MIT */
/*
 * Memory management: direct paging. A guest writes its own page tables,
 * but the frames that hold them are mapped read-only to it; every change
 * goes through these hypercalls, which validate it (docs/MEMORY.md gives
 * the rules). Addresses of page-table entries are machine addresses.
 *
 * long mmu_update(const struct shale_mmu_update *reqs, unsigned int count,
 *                 unsigned int *done, shale_domid_t foreign_dom)
 *   Applies count requests in order and stops at the first failure,
 *   returning its error; *done (if done is not NULL) receives how many
 *   succeeded. count may be at most SHALE_MMU_MAX_COUNT. Long batches are
 *   split by the hypervisor into bounded steps (the guest does not see
 *   this). foreign_dom: the domain whose frames new entries may map
 *   (SHALE_DOMID_SELF normally; another domain only for a privileged
 *   caller). Errors: -EFAULT reqs or done unreadable/unwritable; -EINVAL a
 *   bad request (see below); -EPERM a frame the caller may not map or
 *   update; -EBUSY a frame whose current use conflicts (mapping a
 *   page-table frame writable, or using a writable frame as a table);
 *   -ESRCH no such foreign domain; -E2BIG count too large.
 *
 *   Request kinds (the low 2 bits of ptr):
 *   SHALE_MMU_NORMAL_PT_UPDATE (0): ptr = machine address of an 8-byte
 *     entry inside a frame of the caller that is in use as a page table
 *     (pinned or referenced); val = the new entry. The entry is checked
 *     against the rules of its level before it is written.
 *   SHALE_MMU_MACHPHYS_UPDATE (1): ptr = (mfn << 12) | 1, val = pfn:
 *     records in the machine-to-physical table that frame mfn, which the
 *     caller must own, is its pfn.
 *
 * long update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
 *   Replaces the L1 entry that maps va in the current address space with
 *   val (checked as for mmu_update), then flushes as flags say:
 *   SHALE_UVMF_NONE, SHALE_UVMF_INVLPG (this va), SHALE_UVMF_TLB_FLUSH
 *   (the whole TLB). Errors: as mmu_update, and -EINVAL when va is not a
 *   guest address or no L1 table covers it, or flags are unknown.
 *
 * long mmuext_op(const struct shale_mmuext_op *ops, unsigned int count,
 *                unsigned int *done, shale_domid_t foreign_dom)
 *   Extended operations, applied and counted like mmu_update. Errors as
 *   above, and -ENOSYS for an unknown cmd.
 *   SHALE_MMUEXT_PIN_L1_TABLE .. PIN_L4_TABLE: arg1 = mfn. Validates the
 *     frame as a table of that level (all its entries, recursively for
 *     tables it references) and keeps it so until unpinned. Pinning a
 *     pinned frame is -EINVAL. Pins and unpins apply to foreign_dom's
 *     frames when a privileged caller names it (a domain builder pinning
 *     the tables it wrote for a new domain); the other commands always
 *     act on the caller.
 *   SHALE_MMUEXT_UNPIN_TABLE: arg1 = mfn; drops the pin. The frame stays a
 *     table while anything else still uses it as one. Unpinning a frame
 *     that is not pinned is -EINVAL.
 *   SHALE_MMUEXT_NEW_BASEPTR: arg1 = mfn of an L4 to load into cr3; it is
 *     validated as an L4 if it is not one already.
 *   SHALE_MMUEXT_TLB_FLUSH_LOCAL: flush this vCPU's TLB.
 *   SHALE_MMUEXT_INVLPG_LOCAL: arg1 = a guest virtual address to flush.
 */
#ifndef SHALE_PUBLIC_MM_H
#define SHALE_PUBLIC_MM_H

#include "shale.h"

#define SHALE_MMU_NORMAL_PT_UPDATE	0
#define SHALE_MMU_MACHPHYS_UPDATE	1
#define SHALE_MMU_MAX_COUNT		(1u << 20)	/* requests per call */

#define SHALE_UVMF_NONE		0
#define SHALE_UVMF_TLB_FLUSH	1
#define SHALE_UVMF_INVLPG	2

#define SHALE_MMUEXT_PIN_L1_TABLE	0
#define SHALE_MMUEXT_PIN_L2_TABLE	1
#define SHALE_MMUEXT_PIN_L3_TABLE	2
#define SHALE_MMUEXT_PIN_L4_TABLE	3
#define SHALE_MMUEXT_UNPIN_TABLE	4
#define SHALE_MMUEXT_NEW_BASEPTR	5
#define SHALE_MMUEXT_TLB_FLUSH_LOCAL	6
#define SHALE_MMUEXT_INVLPG_LOCAL	7

/* Page-table entry bits a guest may use (docs/MEMORY.md). */
#define SHALE_PTE_PRESENT	(1ULL << 0)
#define SHALE_PTE_RW		(1ULL << 1)
#define SHALE_PTE_USER		(1ULL << 2)
#define SHALE_PTE_ACCESSED	(1ULL << 5)
#define SHALE_PTE_DIRTY		(1ULL << 6)
#define SHALE_PTE_GLOBAL	(1ULL << 8)	/* L1 only */
#define SHALE_PTE_AVAIL		(7ULL << 9)	/* free for the guest */
#define SHALE_PTE_NX		(1ULL << 63)
#define SHALE_PTE_ADDR_MASK	0x000ffffffffff000ULL

/* Where every guest finds the read-only machine-to-physical table. */
#define SHALE_M2P_VIRT_START	SHALE_ULL(0xffff800000000000)
#define SHALE_INVALID_PFN	(~0ULL)	/* M2P value of frames no guest owns */

#ifndef __ASSEMBLER__
struct shale_mmu_update {
	uint64_t ptr;	/* IN: machine address of the entry | kind */
	uint64_t val;	/* IN: the new entry, or a pfn */
};	/* 16 bytes */

struct shale_mmuext_op {
	uint32_t cmd;	/* IN: SHALE_MMUEXT_* */
	uint32_t pad;	/* must be 0 */
	uint64_t arg1;	/* IN: mfn or virtual address */
	uint64_t arg2;	/* IN: unused so far, must be 0 */
};	/* 24 bytes */

_Static_assert(sizeof(struct shale_mmu_update) == 16, "mmu_update size");
_Static_assert(sizeof(struct shale_mmuext_op) == 24, "mmuext_op size");
#endif

#endif /* SHALE_PUBLIC_MM_H */
