/* SPDX-License-Identifier: MIT */
/*
 * ELF64 image checking and loading, shared by every domain builder.
 *
 * Freestanding: needs only memcpy/memset-class functions, so the hypervisor
 * (dom0 builder), dom0-tools (domain builder) and host unit tests build the
 * same file. Nothing here touches memory it was not handed: loading goes
 * through a copy callback the builder supplies.
 */
#ifndef SHALE_LIBBUILD_ELF_H
#define SHALE_LIBBUILD_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_LOAD_SEGMENTS	16

#define ELF_SEG_X	1u
#define ELF_SEG_W	2u
#define ELF_SEG_R	4u

struct elf_segment {
	uint64_t vaddr;		/* virtual address of the first byte */
	uint64_t offset;	/* file offset of the bytes to copy */
	uint64_t filesz;	/* bytes copied from the file */
	uint64_t memsz;		/* bytes in memory; memsz - filesz are zeroed */
	uint32_t flags;		/* ELF_SEG_* */
};

struct elf_image {
	const uint8_t *data;	/* the file, as handed to elf_parse() */
	size_t size;		/* its size in bytes */
	uint64_t entry;		/* entry point (inside an executable segment) */
	uint64_t vstart;	/* lowest segment address, rounded down to a page */
	uint64_t vend;		/* end of the highest segment, rounded up to a page */
	unsigned int nr_segments;
	struct elf_segment segments[ELF_MAX_LOAD_SEGMENTS];
	const char *error;	/* why elf_parse() refused the file */
};

/*
 * Checks that data[0..size) is a loadable x86_64 ELF64 executable whose
 * PT_LOAD segments all lie below vaddr_limit, do not overlap, and whose
 * file bytes lie inside the file; fills img. Returns 0, or -SHALE_ENOEXEC
 * with img->error set to a short reason ("bad magic", ...).
 */
int elf_parse(struct elf_image *img, const void *data, size_t size, uint64_t vaddr_limit);

/*
 * Copy callback: put len bytes at guest virtual address vaddr, from src,
 * or zeroes when src is NULL. Returns 0 or a negative SHALE_E* value.
 */
typedef int (*elf_copy_fn)(void *ctx, uint64_t vaddr, const void *src, size_t len);

/* Loads every segment of a parsed image through copy. Returns 0 or copy's error. */
int elf_load(const struct elf_image *img, elf_copy_fn copy, void *ctx);

#endif /* SHALE_LIBBUILD_ELF_H */
