/* SPDX-License-Identifier: MIT */
/* Start-of-day layout of a PV domain and its bootstrap page tables. */
#include <stdbool.h>
#include <public/arch-x86_64.h>
#include <public/errno.h>
#include <public/start_info.h>
#include <string.h>
#include "layout.h"

#define PAGE_SIZE	4096ULL

static uint64_t pages_for(uint64_t bytes)
{
	return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* Tables of one level needed to cover [start, end): one per 2^shift bytes. */
static uint64_t tables_for(uint64_t start, uint64_t end, unsigned shift)
{
	return ((end - 1) >> shift) - (start >> shift) + 1;
}

int pv_layout_compute(struct pv_layout *l, const struct elf_image *img, uint64_t initrd_len,
		      uint64_t nr_pages, const char **why)
{
	uint64_t pfn;

	l->virt_base = img->vstart;
	l->nr_pages = nr_pages;
	if (nr_pages >= (SHALE_GUEST_LOW_END - l->virt_base) / PAGE_SIZE) {
		*why = "memory does not fit below the guest address limit";
		return -SHALE_EINVAL;
	}
	l->map_end = l->virt_base + (nr_pages + 1) * PAGE_SIZE;
	l->shared_info_va = l->map_end - PAGE_SIZE;

	l->kernel_pfn = 0;
	l->kernel_pages = (img->vend - img->vstart) / PAGE_SIZE;
	l->initrd_pfn = l->kernel_pages;
	l->initrd_len = initrd_len;
	l->initrd_pages = pages_for(initrd_len);
	l->p2m_pfn = l->initrd_pfn + l->initrd_pages;
	l->p2m_pages = pages_for(nr_pages * sizeof(uint64_t));
	l->start_info_pfn = l->p2m_pfn + l->p2m_pages;
	l->pt_pfn = l->start_info_pfn + 1;
	l->nr_l3 = tables_for(l->virt_base, l->map_end, 39);
	l->nr_l2 = tables_for(l->virt_base, l->map_end, 30);
	l->nr_l1 = tables_for(l->virt_base, l->map_end, 21);
	l->nr_pt_frames = 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
	l->stack_pfn = l->pt_pfn + l->nr_pt_frames;
	l->stack_pages = SHALE_BOOT_STACK_PAGES;
	pfn = l->stack_pfn + l->stack_pages;
	l->first_free_pfn = pfn;
	if (pfn > nr_pages) {
		*why = "memory too small for the kernel, initrd and boot structures";
		return -SHALE_ENOMEM;
	}
	l->entry = img->entry;
	l->stack_top = pv_layout_va(l, l->stack_pfn + l->stack_pages);
	return 0;
}

void pv_fill_start_info(struct shale_start_info *si, const struct pv_layout *l, uint16_t domid,
			uint32_t flags, uint64_t shared_info_mfn, const char *cmdline)
{
	size_t len = strnlen(cmdline, sizeof(si->cmd_line) - 1);

	memcpy(si->magic, SHALE_START_INFO_MAGIC, sizeof(SHALE_START_INFO_MAGIC));
	si->nr_pages = l->nr_pages;
	si->shared_info_va = l->shared_info_va;
	si->shared_info_mfn = shared_info_mfn;
	si->flags = flags;
	si->domid = domid;
	si->pt_base = pv_layout_va(l, l->pt_pfn);
	si->nr_pt_frames = l->nr_pt_frames;
	si->mfn_list = pv_layout_va(l, l->p2m_pfn);
	si->mod_start = l->initrd_len ? pv_layout_va(l, l->initrd_pfn) : 0;
	si->mod_len = l->initrd_len;
	si->virt_base = l->virt_base;
	si->first_free_pfn = l->first_free_pfn;
	si->boot_stack_top = l->stack_top;
	memcpy(si->cmd_line, cmdline, len);
	si->cmd_line[len] = '\0';
}

static void map_page(const struct pv_layout *l, uint64_t va, uint64_t mfn, uint64_t flags,
		     pv_pt_frame_fn frame, void *ctx)
{
	uint64_t l1 = 1 + l->nr_l3 + l->nr_l2 + ((va >> 21) - (l->virt_base >> 21));

	frame(ctx, l1)[(va >> 12) & 511] = (mfn << 12) | flags;
}

/* Points every entry of level `shift` tables at the tables of the level below. */
static void link_level(const struct pv_layout *l, const uint64_t *p2m, uint64_t first_upper,
		       uint64_t first_lower, uint64_t nr_lower, unsigned upper_shift,
		       pv_pt_frame_fn frame, void *ctx)
{
	unsigned lower_shift = upper_shift - 9;

	for (uint64_t k = 0; k < nr_lower; k++) {
		uint64_t region = (l->virt_base >> lower_shift) + k;
		uint64_t upper = first_upper + ((region >> 9) - (l->virt_base >> upper_shift));
		uint64_t mfn = p2m[l->pt_pfn + first_lower + k];

		frame(ctx, upper)[region & 511] = (mfn << 12) | PV_PTE_PRESENT | PV_PTE_RW |
						  PV_PTE_USER | PV_PTE_ACCESSED;
	}
}

void pv_build_pagetables(const struct pv_layout *l, const uint64_t *p2m,
			 uint64_t shared_info_mfn, pv_pt_frame_fn frame, void *ctx)
{
	uint64_t first_l3 = 1, first_l2 = first_l3 + l->nr_l3, first_l1 = first_l2 + l->nr_l2;
	uint64_t base = PV_PTE_PRESENT | PV_PTE_USER | PV_PTE_ACCESSED;

	link_level(l, p2m, 0, first_l3, l->nr_l3, 48, frame, ctx);
	link_level(l, p2m, first_l3, first_l2, l->nr_l2, 39, frame, ctx);
	link_level(l, p2m, first_l2, first_l1, l->nr_l1, 30, frame, ctx);
	for (uint64_t pfn = 0; pfn < l->nr_pages; pfn++) {
		bool is_pt = pfn >= l->pt_pfn && pfn < l->pt_pfn + l->nr_pt_frames;
		uint64_t flags = is_pt ? base : base | PV_PTE_RW | PV_PTE_DIRTY;

		map_page(l, pv_layout_va(l, pfn), p2m[pfn], flags, frame, ctx);
	}
	map_page(l, l->shared_info_va, shared_info_mfn, base | PV_PTE_RW | PV_PTE_DIRTY,
		 frame, ctx);
}
