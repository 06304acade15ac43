/* SPDX-License-Identifier: MIT */
/*
 * Building domains from boot modules (dom0 and dom0less-style extras), with
 * the layout and page-table code every domain builder shares (libbuild/).
 * The p2m list is allocated first, physically contiguous, so it can be
 * filled in place as the other frames are allocated.
 */
#include <arch/page.h>
#include <public/start_info.h>
#include <string.h>
#include "boot_domain.h"
#include "schedule.h"
#include "frame.h"
#include "libbuild/elf.h"
#include "libbuild/layout.h"
#include "m2p.h"
#include "mm.h"
#include "printk.h"

struct dom0_ctx {
	const struct pv_layout *layout;
	const uint64_t *p2m;
};

static void *pfn_to_virt(const struct dom0_ctx *c, uint64_t pfn)
{
	return mfn_to_virt(c->p2m[pfn]);
}

/* Copies (or zeroes) guest-virtual ranges through the direct map, page by page. */
static int copy_to_domain(void *opaque, uint64_t va, const void *src, size_t len)
{
	const struct dom0_ctx *c = opaque;
	const uint8_t *s = src;

	while (len) {
		uint64_t pfn = (va - c->layout->virt_base) >> PAGE_SHIFT;
		size_t off = va & (PAGE_SIZE - 1), n = MIN(len, PAGE_SIZE - off);
		uint8_t *dst = (uint8_t *)pfn_to_virt(c, pfn) + off;

		if (s) {
			memcpy(dst, s, n);
			s += n;
		} else {
			memset(dst, 0, n);
		}
		va += n;
		len -= n;
	}
	return 0;
}

static uint64_t *pt_frame(void *opaque, uint64_t i)
{
	const struct dom0_ctx *c = opaque;

	return pfn_to_virt(c, c->layout->pt_pfn + i);
}

static int alloc_memory(struct domain *d, const struct pv_layout *l, uint64_t **p2m_out)
{
	mfn_t p2m_mfn = frame_alloc_contig(l->p2m_pages, d->domid);
	uint64_t *p2m;

	if (p2m_mfn == INVALID_MFN)
		return -ENOMEM;
	p2m = mfn_to_virt(p2m_mfn);
	for (uint64_t pfn = 0; pfn < l->nr_pages; pfn++) {
		if (pfn >= l->p2m_pfn && pfn < l->p2m_pfn + l->p2m_pages) {
			p2m[pfn] = p2m_mfn + (pfn - l->p2m_pfn);
			domain_assign_page(d, p2m[pfn]);
		} else {
			p2m[pfn] = domain_alloc_page(d);
			if (p2m[pfn] == INVALID_MFN)
				return -ENOMEM;
		}
	}
	*p2m_out = p2m;
	return 0;
}

/*
 * The bootstrap tables go through the same validation as any guest table:
 * pinning the L4 checks every entry and takes every reference, so dom0
 * starts with exactly the counts its mappings imply.
 */
static int activate_pagetables(struct domain *d, const struct pv_layout *l, const uint64_t *p2m)
{
	mfn_t l4 = p2m[l->pt_pfn];
	int rc = pin_table(d, l4, 4);

	return rc ? rc : set_base_table(d->vcpu0, l4);
}

static void record_m2p(const struct pv_layout *l, const uint64_t *p2m)
{
	for (uint64_t pfn = 0; pfn < l->nr_pages; pfn++)
		m2p_set(p2m[pfn], pfn);
}

static void set_entry_state(struct vcpu *v, const struct pv_layout *l)
{
	memset(&v->regs, 0, sizeof(v->regs));
	v->regs.rip = l->entry;
	v->regs.rsp = l->stack_top;
	v->regs.rsi = pv_layout_va(l, l->start_info_pfn);
	v->regs.cs = SHALE_GUEST_CS;
	v->regs.ss = SHALE_GUEST_SS;
	v->regs.rflags = 0x202;	/* IF and the always-one bit */
	v->initialised = true;
}

static uint64_t clamp_memory(const char *who, uint64_t mem_bytes)
{
	uint64_t avail = frame_free_count() * PAGE_SIZE;
	uint64_t keep = 16ULL << 20;	/* for the hypervisor's own needs */

	if (avail > keep && mem_bytes > avail - keep) {
		pr_warn("%s: %luM asked, %luM available; using that\n", who, mem_bytes >> 20,
			(avail - keep) >> 20);
		mem_bytes = avail - keep;
	}
	return mem_bytes;
}

struct domain *boot_domain_build(const struct boot_domain_spec *s)
{
	struct elf_image img;
	struct pv_layout l;
	struct dom0_ctx ctx = { &l, NULL };
	uint64_t *p2m, mem_bytes;
	uint64_t initrd_len = s->initrd ? s->initrd->end - s->initrd->start : 0;
	const char *why;
	char who[48];
	struct domain *d;

	snprintf(who, sizeof(who), s->domid ? "d%u (%s)" : "dom0", s->domid, s->name);
	if (elf_parse(&img, __va(s->kernel->start), s->kernel->end - s->kernel->start,
		      SHALE_GUEST_LOW_END)) {
		pr_err("%s: kernel module is not a loadable ELF64 image: %s\n", who, img.error);
		return NULL;
	}
	mem_bytes = clamp_memory(who, s->mem_bytes);
	if (pv_layout_compute(&l, &img, initrd_len, mem_bytes >> PAGE_SHIFT, &why)) {
		pr_err("%s: cannot lay out %lu MiB: %s\n", who, mem_bytes >> 20, why);
		return NULL;
	}
	d = domain_create(s->domid, s->privileged, s->name);
	if (!d || alloc_memory(d, &l, &p2m)) {
		pr_err("%s: out of memory allocating %lu MiB\n", who, mem_bytes >> 20);
		return NULL;
	}
	ctx.p2m = p2m;
	elf_load(&img, copy_to_domain, &ctx);
	if (initrd_len)
		copy_to_domain(&ctx, pv_layout_va(&l, l.initrd_pfn), __va(s->initrd->start),
			       initrd_len);
	pv_fill_start_info(mfn_to_virt(p2m[l.start_info_pfn]), &l, d->domid,
			   d->privileged ? SHALE_SIF_PRIVILEGED | SHALE_SIF_INITDOMAIN : 0,
			   d->shared_info_mfn, s->cmdline);
	pv_build_pagetables(&l, p2m, d->shared_info_mfn, pt_frame, &ctx);
	if (activate_pagetables(d, &l, p2m)) {
		pr_err("%s: its bootstrap page tables do not validate\n", who);
		return NULL;
	}
	record_m2p(&l, p2m);
	/* dom0 may balloon up into whatever memory is free; others keep their size. */
	d->max_pages = d->tot_pages + (s->privileged ? frame_free_count() : 0);
	set_entry_state(d->vcpu0, &l);
	pr_info("%s: %lu MiB, kernel %lx-%lx entry %lx, initrd %lu bytes, %lu page-table frames\n",
		who, mem_bytes >> 20, img.vstart, img.vend, img.entry, initrd_len, l.nr_pt_frames);
	return d;
}

/* Extra boot modules: "domain=NAME [mem=SIZE] kernel args...". */
static void start_extra(const struct boot_module *m)
{
	static char name[SHALE_DOMAIN_NAME_SIZE];
	char args[BOOT_CMDLINE_MAX];
	uint64_t mem = 32ULL << 20;
	const char *p = m->cmdline;
	size_t n = 0;
	struct boot_domain_spec spec;
	struct domain *d;

	name[0] = '\0';
	/* Our options come first; the rest of the line is the kernel's. */
	while (*p) {
		const char *w = p, *end;

		while (*w == ' ')
			w++;
		end = w;
		while (*end && *end != ' ')
			end++;
		if (!strncmp(w, "domain=", 7) && end - w - 7 < (long)sizeof(name)) {
			memcpy(name, w + 7, end - w - 7);
			name[end - w - 7] = '\0';
		} else if (!strncmp(w, "mem=", 4)) {
			uint64_t v = 0;

			for (const char *c = w + 4; c < end && *c >= '0' && *c <= '9'; c++)
				v = v * 10 + (*c - '0');
			mem = v << 20;	/* MiB */
		} else if (end > w) {
			n += snprintf(args + n, sizeof(args) - MIN(n, sizeof(args)), "%s%.*s",
				      n ? " " : "", (int)(end - w), w);
		}
		p = end;
	}
	args[MIN(n, sizeof(args) - 1)] = '\0';
	if (!name[0])
		return;
	spec = (struct boot_domain_spec){ m, NULL, mem, domain_free_id(), false, name, args };
	d = boot_domain_build(&spec);
	if (d)
		domain_unpause(d);
}

bool boot_module_is_domain(const struct boot_module *m)
{
	for (const char *p = m->cmdline; *p; p++)
		if ((p == m->cmdline || p[-1] == ' ') && !strncmp(p, "domain=", 7))
			return true;
	return false;
}

void boot_domains_start_extra(void)
{
	for (unsigned int i = 1; i < boot_info.nr_modules; i++)
		if (boot_module_is_domain(&boot_info.modules[i]))
			start_extra(&boot_info.modules[i]);
}
