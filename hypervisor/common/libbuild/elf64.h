/* SPDX-License-Identifier: MIT */
/* The few ELF64 definitions elf.c needs (System V gABI, x86_64 psABI). */
#ifndef SHALE_LIBBUILD_ELF64_H
#define SHALE_LIBBUILD_ELF64_H

#include <stddef.h>
#include <stdint.h>

/* e_ident[] indices and the values we accept. */
#define EI_MAG0		0
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_NIDENT	16

#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1

#define ET_EXEC		2
#define EM_X86_64	62

/* e_phnum value meaning "the real count is in section header 0". */
#define PN_XNUM		0xffff

#define PT_LOAD		1

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;	/* file offset of the program header table */
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;	/* bytes per program header */
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;	/* file offset of the segment's bytes */
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;	/* bytes in the file */
	uint64_t p_memsz;	/* bytes in memory, >= p_filesz */
	uint64_t p_align;
} Elf64_Phdr;

/* The file format fixes these; a wrong struct would misread every image. */
_Static_assert(sizeof(Elf64_Ehdr) == 64, "Elf64_Ehdr is 64 bytes");
_Static_assert(offsetof(Elf64_Ehdr, e_entry) == 24, "e_entry at 24");
_Static_assert(offsetof(Elf64_Ehdr, e_phoff) == 32, "e_phoff at 32");
_Static_assert(offsetof(Elf64_Ehdr, e_phentsize) == 54, "e_phentsize at 54");
_Static_assert(offsetof(Elf64_Ehdr, e_phnum) == 56, "e_phnum at 56");
_Static_assert(sizeof(Elf64_Phdr) == 56, "Elf64_Phdr is 56 bytes");
_Static_assert(offsetof(Elf64_Phdr, p_offset) == 8, "p_offset at 8");
_Static_assert(offsetof(Elf64_Phdr, p_vaddr) == 16, "p_vaddr at 16");
_Static_assert(offsetof(Elf64_Phdr, p_filesz) == 32, "p_filesz at 32");
_Static_assert(offsetof(Elf64_Phdr, p_memsz) == 40, "p_memsz at 40");

#endif /* SHALE_LIBBUILD_ELF64_H */
