/* SPDX-License-Identifier: MIT */
/*
 * The start-of-day layout of a PV domain (see include/public/start_info.h)
 * and its bootstrap page tables. Shared by every domain builder: the
 * hypervisor's dom0 builder and dom0-tools' domain builder compute the same
 * layout and the same page-table contents from the same code.
 */
#ifndef SHALE_LIBBUILD_LAYOUT_H
#define SHALE_LIBBUILD_LAYOUT_H

#include <stdint.h>
#include "elf.h"

struct pv_layout {
	uint64_t virt_base;		/* va of pfn 0 */
	uint64_t nr_pages;		/* pages of the domain */
	uint64_t kernel_pfn, kernel_pages;
	uint64_t initrd_pfn, initrd_pages, initrd_len;
	uint64_t p2m_pfn, p2m_pages;
	uint64_t start_info_pfn;
	uint64_t pt_pfn, nr_pt_frames;	/* L4, then the L3s, L2s and L1s */
	uint64_t nr_l3, nr_l2, nr_l1;
	uint64_t stack_pfn, stack_pages;
	uint64_t first_free_pfn;
	uint64_t shared_info_va;	/* the page after the last pfn */
	uint64_t map_end;		/* end of the initial mapping */
	uint64_t entry;			/* initial rip */
	uint64_t stack_top;		/* initial rsp */
};

static inline uint64_t pv_layout_va(const struct pv_layout *l, uint64_t pfn)
{
	return l->virt_base + (pfn << 12);
}

/*
 * Computes the layout for an image, an initrd of initrd_len bytes and
 * nr_pages pages. Returns 0, -SHALE_ENOMEM when nr_pages cannot hold the
 * bootstrap area, or -SHALE_EINVAL when the mapping would leave the guest's
 * lower half; *why says which.
 */
int pv_layout_compute(struct pv_layout *l, const struct elf_image *img, uint64_t initrd_len,
		      uint64_t nr_pages, const char **why);

struct shale_start_info;

/*
 * Fills a zeroed start_info page for the layout: magic, sizes, the
 * addresses of everything in the bootstrap area, and the given domain id,
 * SHALE_SIF_* flags, shared_info frame and command line (cut to fit).
 */
void pv_fill_start_info(struct shale_start_info *si, const struct pv_layout *l, uint16_t domid,
			uint32_t flags, uint64_t shared_info_mfn, const char *cmdline);

/* Page-table entry bits the bootstrap tables use. */
#define PV_PTE_PRESENT	0x1ULL
#define PV_PTE_RW	0x2ULL
#define PV_PTE_USER	0x4ULL
#define PV_PTE_ACCESSED	0x20ULL
#define PV_PTE_DIRTY	0x40ULL

/* Returns a writable view of bootstrap page-table frame i (0 = the L4). */
typedef uint64_t *(*pv_pt_frame_fn)(void *ctx, uint64_t i);

/*
 * Writes the bootstrap page tables: every pfn mapped at virt_base + pfn *
 * 4096 (user, writable except the page-table frames themselves) and the
 * shared_info frame at shared_info_va. p2m[pfn] is the machine frame of
 * each pfn. The frames must be zeroed beforehand. The reserved L4 slots are
 * left empty for the hypervisor.
 */
void pv_build_pagetables(const struct pv_layout *l, const uint64_t *p2m,
			 uint64_t shared_info_mfn, pv_pt_frame_fn frame, void *ctx);

#endif /* SHALE_LIBBUILD_LAYOUT_H */
