/* SPDX-License-Identifier: MIT */
/*
 * The domain builder, dom0's counterpart of hypervisor/common/boot_domain.c
 * with the same libbuild code. Only the bootstrap area (kernel, ramdisk,
 * p2m list, start_info, page tables, boot stack: pfns below first_free_pfn)
 * is mapped into dom0: the rest of the new domain's frames come zeroed
 * from the hypervisor and need no writing.
 */
#include <hypercall.h>
#include <malloc.h>
#include <mm.h>
#include <pagetable.h>
#include <printf.h>
#include <string.h>
#include <public/arch-x86_64.h>
#include <public/start_info.h>
#include "build.h"
#include "devices.h"
#include "domctl.h"
#include "elf.h"
#include "errname.h"
#include "foreign.h"
#include "layout.h"

struct builder {
	const struct ts_build_spec *spec;
	struct ts_build_result *res;
	struct elf_image img;
	struct pv_layout l;
	uint16_t domid;
	bool created;
	uint64_t shared_info_mfn;
	uint64_t *p2m;			/* mfn of every pfn, from increase_reservation */
	uint8_t *map;			/* dom0's writable view of pfns [0, nr_mapped) */
	uint64_t nr_mapped;
	uint64_t console_pfn, store_pfn;	/* the ring pages, right after the boot stack */
	struct domain_rings rings;
	bool rings_connected;
};

/* Records the failure of step and returns err, for `return fail(...)`. */
static int fail(struct builder *b, const char *step, int err, const char *fmt, ...)
	__printf(4, 5);

static int fail(struct builder *b, const char *step, int err, const char *fmt, ...)
{
	va_list ap;

	b->res->step = step;
	b->res->err = err;
	va_start(ap, fmt);
	vsnprintf(b->res->detail, sizeof(b->res->detail), fmt, ap);
	va_end(ap);
	return err;
}

static void *pfn_view(const struct builder *b, uint64_t pfn)
{
	return b->map + pfn * PAGE_SIZE;
}

/* elf_load()'s callback: guest virtual addresses inside the mapped bootstrap area only. */
static int copy_to_domain(void *opaque, uint64_t va, const void *src, size_t len)
{
	const struct builder *b = opaque;
	uint64_t off = va - b->l.virt_base;

	if (va < b->l.virt_base || off > b->nr_mapped * PAGE_SIZE ||
	    len > b->nr_mapped * PAGE_SIZE - off)
		return -SHALE_EFAULT;
	if (src)
		memcpy(b->map + off, src, len);
	else
		memset(b->map + off, 0, len);
	return 0;
}

static uint64_t *pt_frame(void *opaque, uint64_t i)
{
	const struct builder *b = opaque;

	return pfn_view(b, b->l.pt_pfn + i);
}

static int check_spec(struct builder *b)
{
	const struct ts_build_spec *s = b->spec;
	const char *why;
	int rc;

	if (!s->name[0] || strlen(s->name) >= SHALE_DOMAIN_NAME_SIZE)
		return fail(b, "name", -SHALE_EINVAL, "'%s': 1 to %d characters", s->name,
			    SHALE_DOMAIN_NAME_SIZE - 1);
	if (strlen(s->cmdline) >= SHALE_CMDLINE_SIZE)
		return fail(b, "cmdline", -SHALE_EINVAL, "longer than %d characters",
			    SHALE_CMDLINE_SIZE - 1);
	if (s->max_pages < s->nr_pages)
		return fail(b, "max_mem", -SHALE_EINVAL, "maximum below the initial memory");
	rc = elf_parse(&b->img, s->kernel, s->kernel_size, SHALE_GUEST_LOW_END);
	if (rc)
		return fail(b, "kernel", rc, "not a loadable ELF64 image: %s", b->img.error);
	rc = pv_layout_compute(&b->l, &b->img, s->ramdisk ? s->ramdisk_size : 0, s->nr_pages,
			       &why);
	if (rc)
		return fail(b, "layout", rc, "%s", why);
	/* The rings sit below first_free_pfn, so the guest's page allocator never hands them out. */
	b->console_pfn = b->l.first_free_pfn;
	b->store_pfn = b->console_pfn + 1;
	b->l.first_free_pfn += TS_RING_PAGES;
	if (b->l.first_free_pfn > s->nr_pages)
		return fail(b, "layout", -SHALE_ENOMEM, "no room for the console and store rings");
	return 0;
}

static int create(struct builder *b)
{
	int rc = ts_domain_create(b->spec->name, &b->domid, &b->shared_info_mfn);

	if (rc)
		return fail(b, "createdomain", rc, "%s", "");
	b->created = true;
	rc = ts_domain_max_mem(b->domid, b->spec->max_pages);
	if (rc)
		return fail(b, "max_mem", rc, "%llu pages", (unsigned long long)b->spec->max_pages);
	return 0;
}

static int populate(struct builder *b)
{
	struct shale_domctl_physinfo host;
	uint64_t n = b->l.nr_pages;
	long got;

	/* Refuse at once rather than take every free frame and give them back. */
	if (ts_physinfo(&host) == 0 && host.free_pages < n)
		return fail(b, "memory", -SHALE_ENOMEM, "%llu MiB asked, %llu MiB free",
			    (unsigned long long)n >> 8, (unsigned long long)host.free_pages >> 8);
	b->p2m = malloc(n * sizeof(*b->p2m));
	if (!b->p2m)
		return fail(b, "p2m", -SHALE_ENOMEM, "no room in dom0 for %llu entries",
			    (unsigned long long)n);
	got = ts_populate(b->domid, b->p2m, n);
	if (got < 0)
		return fail(b, "increase_reservation", (int)got, "%s", "");
	if ((uint64_t)got != n)
		return fail(b, "increase_reservation", -SHALE_ENOMEM,
			    "got %ld of %llu pages", got, (unsigned long long)n);
	return 0;
}

/* The rings' frames and the domain's ends of their event channels, for start_info. */
static int alloc_rings(struct builder *b)
{
	int rc;

	b->rings.domid = b->domid;
	b->rings.console_mfn = b->p2m[b->console_pfn];
	b->rings.store_mfn = b->p2m[b->store_pfn];
	rc = ts_rings_alloc_ports(b->domid, &b->rings);
	if (rc)
		return fail(b, "evtchn", rc, "the console and store ports");
	return 0;
}

static int map_bootstrap(struct builder *b)
{
	uint64_t n = b->l.first_free_pfn;
	int err = 0;
	void *va = map_foreign_range(b->domid, b->p2m, n, true, &err);

	if (!va)
		return fail(b, "map", err ? err : -SHALE_ENOMEM, "%llu frames into dom0",
			    (unsigned long long)n);
	b->map = va;
	b->nr_mapped = n;
	return 0;
}

static int unmap_bootstrap(struct builder *b)
{
	int rc;

	if (!b->map)
		return 0;
	rc = unmap_range(b->map, b->nr_mapped);
	b->map = NULL;
	return rc ? fail(b, "unmap", rc, "%llu frames", (unsigned long long)b->nr_mapped) : 0;
}

/* Everything written through dom0's mapping: kernel, ramdisk, p2m list, start_info, tables. */
static int write_bootstrap(struct builder *b)
{
	const struct pv_layout *l = &b->l;
	struct shale_start_info *si;
	int rc = elf_load(&b->img, copy_to_domain, b);

	if (rc)
		return fail(b, "load kernel", rc, "%s", "");
	if (l->initrd_len)
		memcpy(pfn_view(b, l->initrd_pfn), b->spec->ramdisk, l->initrd_len);
	memcpy(pfn_view(b, l->p2m_pfn), b->p2m, l->nr_pages * sizeof(*b->p2m));
	si = pfn_view(b, l->start_info_pfn);
	pv_fill_start_info(si, l, b->domid, 0, b->shared_info_mfn, b->spec->cmdline);
	/* Zeroed by the hypervisor already; cleared here too, as the ring protocols start. */
	memset(pfn_view(b, b->console_pfn), 0, TS_RING_PAGES * PAGE_SIZE);
	si->console_mfn = b->rings.console_mfn;
	si->console_evtchn = b->rings.console_port;
	si->store_mfn = b->rings.store_mfn;
	si->store_evtchn = b->rings.store_port;
	pv_build_pagetables(l, b->p2m, b->shared_info_mfn, pt_frame, b);
	return 0;
}

/* With dom0's mapping gone, the hypervisor can take the tables as tables. */
static int activate(struct builder *b)
{
	const struct pv_layout *l = &b->l;
	struct shale_vcpu_guest_context ctx;
	uint64_t l4 = b->p2m[l->pt_pfn];
	char why[96];
	int rc;

	rc = ts_m2p_record(b->domid, b->p2m, l->nr_pages);
	if (rc)
		return fail(b, "M2P", rc, "MACHPHYS_UPDATE of %llu frames",
			    (unsigned long long)l->nr_pages);
	rc = ts_pin_l4(b->domid, l4);
	if (rc)
		return fail(b, "pin L4", rc, "mfn %#llx", (unsigned long long)l4);
	memset(&ctx, 0, sizeof(ctx));
	ctx.rip = l->entry;
	ctx.rsp = l->stack_top;
	ctx.rsi = pv_layout_va(l, l->start_info_pfn);
	ctx.rflags = 0x202;
	ctx.cr3_mfn = l4;
	rc = ts_domain_set_vcpu_context(b->domid, &ctx);
	if (rc)
		return fail(b, "setvcpucontext", rc, "rip %#llx", (unsigned long long)ctx.rip);
	rc = ts_sched_set(b->domid, b->spec->weight, b->spec->cap);
	if (rc)
		return fail(b, "sched_set", rc, "weight %u cap %u", b->spec->weight, b->spec->cap);
	rc = ts_rings_connect(&b->rings, b->spec->name, b->spec->nr_pages, b->spec->max_pages,
			      why, sizeof(why));
	if (rc)
		return fail(b, "rings", rc, "%s", why);
	b->rings_connected = true;
	if (!b->spec->paused) {
		rc = ts_domain_unpause(b->domid);
		if (rc)
			return fail(b, "unpause", rc, "%s", "");
	}
	return 0;
}

static int build_steps(struct builder *b)
{
	int rc = check_spec(b);

	if (!rc)
		rc = create(b);
	if (!rc)
		rc = populate(b);
	if (!rc)
		rc = alloc_rings(b);
	if (!rc)
		rc = map_bootstrap(b);
	if (!rc)
		rc = write_bootstrap(b);
	/* Even after a failure: a frame dom0 still maps could not be freed. */
	if (unmap_bootstrap(b) && !rc)
		rc = b->res->err;
	if (!rc)
		rc = activate(b);
	return rc;
}

int ts_build_domain(const struct ts_build_spec *spec, struct ts_build_result *out)
{
	struct builder b = { .spec = spec, .res = out };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = build_steps(&b);
	out->nr_mapped = b.nr_mapped;
	free(b.p2m);
	if (rc && b.rings_connected)
		ts_rings_release(b.domid);
	if (rc && b.created)
		ts_domain_destroy(b.domid);
	if (!rc)
		out->domid = b.domid;
	return rc;
}

void ts_build_describe(const struct ts_build_result *res, char *buf, size_t size)
{
	snprintf(buf, size, "%s: %s%s%s%s", res->step ? res->step : "?", ts_errname(res->err),
		 res->detail[0] ? " (" : "", res->detail, res->detail[0] ? ")" : "");
}
