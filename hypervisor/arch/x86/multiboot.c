/* SPDX-License-Identifier: MIT */
/*
 * Reading the Multiboot1 (QEMU -kernel) and Multiboot2 (GRUB) information
 * structures, written from the two specifications. Everything is copied out
 * through the direct map so the loader's memory can be reused afterwards.
 */
#include <arch/page.h>
#include <string.h>
#include "bootinfo.h"
#include "printk.h"

#define MB1_BOOT_MAGIC	0x2badb002
#define MB2_BOOT_MAGIC	0x36d76289

#define MB1_INFO_CMDLINE	(1 << 2)
#define MB1_INFO_MODS		(1 << 3)
#define MB1_INFO_MMAP		(1 << 6)
#define MB1_INFO_LOADER		(1 << 9)

#define MB2_TAG_END	0
#define MB2_TAG_CMDLINE	1
#define MB2_TAG_LOADER	2
#define MB2_TAG_MODULE	3
#define MB2_TAG_MMAP	6

struct boot_info boot_info;

struct mb1_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr, config_table, boot_loader_name;
} __packed;

struct mb1_module {
	uint32_t start, end, cmdline, reserved;
} __packed;

struct mb1_mmap_entry {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __packed;

struct mb2_tag {
	uint32_t type, size;
} __packed;

struct mb2_mmap_entry {
	uint64_t addr, len;
	uint32_t type, reserved;
} __packed;

static void copy_string(char *dst, size_t size, paddr_t src)
{
	strlcpy(dst, src ? (const char *)__va(src) : "", size);
}

static void add_range(uint64_t addr, uint64_t len, uint32_t type)
{
	struct boot_range *r;

	if (boot_info.nr_ranges == BOOT_MAX_RANGES || !len) {
		pr_warn("boot: memory range %lx+%lx ignored\n", addr, len);
		return;
	}
	r = &boot_info.ranges[boot_info.nr_ranges++];
	r->start = addr;
	r->end = addr + len;
	r->type = type;
}

static void add_module(paddr_t start, paddr_t end, paddr_t cmdline)
{
	struct boot_module *m;

	if (boot_info.nr_modules == BOOT_MAX_MODULES) {
		pr_warn("boot: more than %d modules; the rest are ignored\n", BOOT_MAX_MODULES);
		return;
	}
	m = &boot_info.modules[boot_info.nr_modules++];
	m->start = start;
	m->end = end;
	copy_string(m->cmdline, sizeof(m->cmdline), cmdline);
}

static void parse_mb1(paddr_t info_pa)
{
	const struct mb1_info *mbi = __va(info_pa);

	boot_info.protocol = "multiboot1";
	if (mbi->flags & MB1_INFO_CMDLINE)
		copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), mbi->cmdline);
	if (mbi->flags & MB1_INFO_LOADER)
		copy_string(boot_info.loader, sizeof(boot_info.loader), mbi->boot_loader_name);
	if (mbi->flags & MB1_INFO_MMAP) {
		uint64_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

		while (p + sizeof(struct mb1_mmap_entry) <= end) {
			const struct mb1_mmap_entry *e = __va(p);

			add_range(e->addr, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	}
	if (mbi->flags & MB1_INFO_MODS) {
		const struct mb1_module *mods = __va(mbi->mods_addr);

		for (uint32_t i = 0; i < mbi->mods_count; i++)
			add_module(mods[i].start, mods[i].end, mods[i].cmdline);
	}
}

static void parse_mb2_mmap(const struct mb2_tag *tag)
{
	const uint8_t *p = (const uint8_t *)tag + 16;
	const uint8_t *end = (const uint8_t *)tag + tag->size;
	uint32_t entry_size = ((const uint32_t *)tag)[2];

	if (entry_size < sizeof(struct mb2_mmap_entry))
		return;
	for (; p + entry_size <= end; p += entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		add_range(e->addr, e->len, e->type);
	}
}

static void parse_mb2(paddr_t info_pa)
{
	const uint8_t *base = __va(info_pa);
	uint32_t total = *(const uint32_t *)base;
	uint32_t off = 8;

	boot_info.protocol = "multiboot2";
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(base + off);
		const uint32_t *words = (const uint32_t *)(base + off);

		if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag))
			break;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			strlcpy(boot_info.cmdline, (const char *)(tag + 1), sizeof(boot_info.cmdline));
			break;
		case MB2_TAG_LOADER:
			strlcpy(boot_info.loader, (const char *)(tag + 1), sizeof(boot_info.loader));
			break;
		case MB2_TAG_MODULE:
			add_module(words[2], words[3], __pa(&words[4]));
			break;
		case MB2_TAG_MMAP:
			parse_mb2_mmap(tag);
			break;
		}
		off += (tag->size + 7) & ~7u;
	}
}

static void strip_first_word(char *c)
{
	char *args = strchr(c, ' ');

	if (!args) {
		c[0] = '\0';
		return;
	}
	while (*args == ' ')
		args++;
	memmove(c, args, strlen(args) + 1);
}

/*
 * QEMU's loader puts the file name before the arguments, for the kernel
 * and for each module; GRUB gives only the arguments. Keep the arguments.
 */
static void strip_file_names(void)
{
	if (strncmp(boot_info.loader, "qemu", 4))
		return;
	strip_first_word(boot_info.cmdline);
	for (unsigned i = 0; i < boot_info.nr_modules; i++)
		strip_first_word(boot_info.modules[i].cmdline);
}

int multiboot_parse(uint32_t magic, paddr_t info)
{
	if (magic == MB1_BOOT_MAGIC)
		parse_mb1(info);
	else if (magic == MB2_BOOT_MAGIC)
		parse_mb2(info);
	else
		return -EINVAL;
	strip_file_names();
	return 0;
}
