/* SPDX-License-Identifier: MIT */
/* ELF64 executable checking and loading for the domain builders. */
#include <stdbool.h>
#include <string.h>
#include <public/errno.h>
#include "elf.h"
#include "elf64.h"

#define ELF_PAGE_SIZE	4096ULL

/*
 * Headers are read with memcpy into local structs: the file may sit at any
 * alignment, and every builder runs on x86_64, so little-endian fields need
 * no swapping once EI_DATA says ELFDATA2LSB. Zero-filling relies on
 * memsz - filesz fitting a size_t.
 */
_Static_assert(sizeof(size_t) >= sizeof(uint64_t), "builders are 64-bit");

/* Is [off, off + len) inside a file of size bytes? Written so nothing can wrap. */
static bool range_in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static const char *check_ident(const Elf64_Ehdr *eh)
{
	if (memcmp(&eh->e_ident[EI_MAG0], ELFMAG, SELFMAG) != 0)
		return "bad magic";
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return "not ELF64";
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not little-endian";
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return "bad ELF version";
	return NULL;
}

static const char *check_ehdr(const Elf64_Ehdr *eh, size_t size)
{
	const char *why = check_ident(eh);

	if (why)
		return why;
	if (eh->e_type != ET_EXEC)
		return "not an executable";
	if (eh->e_machine != EM_X86_64)
		return "not x86_64";
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return "bad program header size";
	/* The real count would be in a section header; no kernel needs that many. */
	if (eh->e_phnum == PN_XNUM)
		return "too many program headers";
	/* phnum and phentsize are 16-bit, so only the addition can wrap. */
	if (!range_in_file(eh->e_phoff, (uint64_t)eh->e_phnum * eh->e_phentsize, size))
		return "program headers outside the file";
	return NULL;
}

static bool segments_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
	return a->vaddr < b->vaddr + b->memsz && b->vaddr < a->vaddr + a->memsz;
}

static uint32_t seg_flags(uint32_t p_flags)
{
	return ((p_flags & PF_X) ? ELF_SEG_X : 0) | ((p_flags & PF_W) ? ELF_SEG_W : 0) |
	       ((p_flags & PF_R) ? ELF_SEG_R : 0);
}

/* Checks one PT_LOAD header on its own and against those already taken. */
static const char *add_segment(struct elf_image *img, const Elf64_Phdr *ph, size_t size,
			       uint64_t vaddr_limit)
{
	struct elf_segment *seg;
	unsigned int i;

	if (img->nr_segments == ELF_MAX_LOAD_SEGMENTS)
		return "too many segments";
	if (ph->p_filesz > ph->p_memsz)
		return "filesz larger than memsz";
	if (!range_in_file(ph->p_offset, ph->p_filesz, size))
		return "segment bytes outside the file";
	if (ph->p_vaddr > vaddr_limit || ph->p_memsz > vaddr_limit - ph->p_vaddr)
		return "segment above the limit";

	seg = &img->segments[img->nr_segments];
	seg->vaddr = ph->p_vaddr;
	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->memsz = ph->p_memsz;
	seg->flags = seg_flags(ph->p_flags);
	for (i = 0; i < img->nr_segments; i++)
		if (segments_overlap(seg, &img->segments[i]))
			return "segments overlap";
	img->nr_segments++;
	return NULL;
}

static const char *read_segments(struct elf_image *img, const Elf64_Ehdr *eh,
				 uint64_t vaddr_limit)
{
	const uint8_t *table = img->data + eh->e_phoff;
	Elf64_Phdr ph;
	const char *why;
	unsigned int i;

	for (i = 0; i < eh->e_phnum; i++) {
		memcpy(&ph, table + (size_t)i * sizeof(ph), sizeof(ph));
		/* An empty segment loads nothing and cannot overlap anything. */
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		why = add_segment(img, &ph, img->size, vaddr_limit);
		if (why)
			return why;
	}
	if (img->nr_segments == 0)
		return "no loadable segment";
	return NULL;
}

static bool entry_in_code(const struct elf_image *img)
{
	const struct elf_segment *seg;
	unsigned int i;

	for (i = 0; i < img->nr_segments; i++) {
		seg = &img->segments[i];
		if ((seg->flags & ELF_SEG_X) && img->entry >= seg->vaddr &&
		    img->entry - seg->vaddr < seg->memsz)
			return true;
	}
	return false;
}

/* vstart/vend in whole pages, which is how the builders map the image. */
static const char *compute_bounds(struct elf_image *img)
{
	uint64_t lo = UINT64_MAX, hi = 0, end;
	unsigned int i;

	for (i = 0; i < img->nr_segments; i++) {
		end = img->segments[i].vaddr + img->segments[i].memsz;
		if (img->segments[i].vaddr < lo)
			lo = img->segments[i].vaddr;
		if (end > hi)
			hi = end;
	}
	if (hi > UINT64_MAX - (ELF_PAGE_SIZE - 1))
		return "segment above the limit";
	img->vstart = lo & ~(ELF_PAGE_SIZE - 1);
	img->vend = (hi + ELF_PAGE_SIZE - 1) & ~(ELF_PAGE_SIZE - 1);
	return NULL;
}

static const char *parse(struct elf_image *img, uint64_t vaddr_limit)
{
	Elf64_Ehdr eh;
	const char *why;

	if (img->size < sizeof(eh))
		return "file too small";
	memcpy(&eh, img->data, sizeof(eh));
	why = check_ehdr(&eh, img->size);
	if (!why)
		why = read_segments(img, &eh, vaddr_limit);
	if (why)
		return why;
	img->entry = eh.e_entry;
	if (!entry_in_code(img))
		return "entry point outside code";
	return compute_bounds(img);
}

int elf_parse(struct elf_image *img, const void *data, size_t size, uint64_t vaddr_limit)
{
	const char *why;

	memset(img, 0, sizeof(*img));
	img->data = data;
	img->size = size;
	why = parse(img, vaddr_limit);
	if (why) {
		/* A refused image loads nothing even if a caller ignores the error. */
		img->nr_segments = 0;
		img->error = why;
		return -SHALE_ENOEXEC;
	}
	return 0;
}

int elf_load(const struct elf_image *img, elf_copy_fn copy, void *ctx)
{
	const struct elf_segment *seg;
	unsigned int i;
	int rc;

	for (i = 0; i < img->nr_segments; i++) {
		seg = &img->segments[i];
		if (seg->filesz) {
			rc = copy(ctx, seg->vaddr, img->data + seg->offset, seg->filesz);
			if (rc)
				return rc;
		}
		if (seg->memsz > seg->filesz) {
			rc = copy(ctx, seg->vaddr + seg->filesz, NULL, seg->memsz - seg->filesz);
			if (rc)
				return rc;
		}
	}
	return 0;
}
