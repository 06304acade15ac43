/* SPDX-License-Identifier: MIT */
/* A bounds-checked reader for ustar archives held in memory. */
#include <stdbool.h>
#include <string.h>
#include <public/errno.h>
#include "ustar.h"

#define USTAR_BLOCK	512u

/* POSIX ustar header; all chars, so the layout has no padding. */
struct tar_header {
	char name[100];
	char mode[8];
	char uid[8];
	char gid[8];
	char size[12];
	char mtime[12];
	char chksum[8];
	char typeflag;
	char linkname[100];
	char magic[6];
	char version[2];
	char uname[32];
	char gname[32];
	char devmajor[8];
	char devminor[8];
	char prefix[155];
	char pad[12];
};

_Static_assert(sizeof(struct tar_header) == USTAR_BLOCK, "a header is one block");
_Static_assert(offsetof(struct tar_header, chksum) == 148, "chksum at 148");
_Static_assert(offsetof(struct tar_header, magic) == 257, "magic at 257");
_Static_assert(offsetof(struct tar_header, prefix) == 345, "prefix at 345");

/* Where the next header is; off only ever moves forward by checked amounts. */
struct tar_cursor {
	const uint8_t *base;
	size_t size;
	size_t off;
};

static bool is_zero_block(const uint8_t *b)
{
	unsigned int i;

	for (i = 0; i < USTAR_BLOCK; i++)
		if (b[i])
			return false;
	return true;
}

/*
 * Octal digits, optionally after leading spaces, then only NUL or space to
 * the end of the field. A field full of digits needs no terminator. GNU's
 * base-256 form (high bit set) is refused: an initrd has no 8 GiB files.
 */
static bool parse_octal(const char *f, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0, first;

	while (i < len && f[i] == ' ')
		i++;
	for (first = i; i < len && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v > (UINT64_MAX >> 3))
			return false;
		v = (v << 3) | (uint64_t)(f[i] - '0');
	}
	if (i == first)
		return false;
	for (; i < len; i++)
		if (f[i] != '\0' && f[i] != ' ')
			return false;
	*out = v;
	return true;
}

/* Old tars summed signed chars; accepting both costs nothing and reads them too. */
static bool checksum_ok(const struct tar_header *h)
{
	const uint8_t *b = (const uint8_t *)h;
	uint64_t stored, usum = 0;
	int64_t ssum = 0;
	size_t i;

	if (!parse_octal(h->chksum, sizeof(h->chksum), &stored))
		return false;
	for (i = 0; i < USTAR_BLOCK; i++) {
		bool in_field = i >= offsetof(struct tar_header, chksum) &&
				i < offsetof(struct tar_header, chksum) + sizeof(h->chksum);
		uint8_t c = in_field ? ' ' : b[i];

		usum += c;
		ssum += (int8_t)c;
	}
	return stored == usum || (int64_t)stored == ssum;
}

/*
 * POSIX writes "ustar\0" "00"; GNU writes "ustar  \0". GNU headers use the
 * prefix bytes for other fields, so only POSIX names get a prefix.
 */
static bool magic_ok(const struct tar_header *h, bool *has_prefix)
{
	if (memcmp(h->magic, "ustar", 6) == 0 && memcmp(h->version, "00", 2) == 0) {
		*has_prefix = true;
		return true;
	}
	if (memcmp(h->magic, "ustar ", 6) == 0 && memcmp(h->version, " ", 2) == 0) {
		*has_prefix = false;
		return true;
	}
	return false;
}

/* Length of a name field: up to its NUL, or the whole field when full (POSIX). */
static size_t field_len(const char *f, size_t max)
{
	size_t n = 0;

	while (n < max && f[n])
		n++;
	return n;
}

/* Drops every leading "./" and trailing "/", so "./etc/" becomes "etc". */
static void strip_name(char *name)
{
	size_t skip = 0, len;

	while (name[skip] == '.' && name[skip + 1] == '/')
		skip += 2;
	len = strlen(name + skip);
	memmove(name, name + skip, len + 1);
	while (len > 0 && name[len - 1] == '/')
		name[--len] = '\0';
}

static int build_name(const struct tar_header *h, bool has_prefix, char *out)
{
	size_t name_len = field_len(h->name, sizeof(h->name));
	size_t prefix_len = has_prefix ? field_len(h->prefix, sizeof(h->prefix)) : 0;
	size_t pos = 0;

	/* Only both fields full overflow; such a path cannot be represented. */
	if (prefix_len + 1 + name_len + 1 > USTAR_NAME_MAX)
		return -SHALE_EINVAL;
	if (prefix_len) {
		memcpy(out, h->prefix, prefix_len);
		out[prefix_len] = '/';
		pos = prefix_len + 1;
	}
	memcpy(out + pos, h->name, name_len);
	out[pos + name_len] = '\0';
	strip_name(out);
	return 0;
}

static int read_header(const struct tar_header *h, struct ustar_file *f)
{
	bool has_prefix;
	uint64_t mode;

	if (!checksum_ok(h) || !magic_ok(h, &has_prefix))
		return -SHALE_EINVAL;
	if (!parse_octal(h->size, sizeof(h->size), &f->size) ||
	    !parse_octal(h->mode, sizeof(h->mode), &mode))
		return -SHALE_EINVAL;
	f->mode = (uint32_t)(mode & 07777);
	f->type = h->typeflag ? h->typeflag : USTAR_TYPE_FILE;
	return build_name(h, has_prefix, f->name);
}

/* Reads the entry at the cursor. Returns 1 with *f filled, 0 at the end, or -EINVAL. */
static int cursor_next(struct tar_cursor *c, struct ustar_file *f)
{
	size_t left = c->size - c->off, avail;
	uint64_t padded;
	int rc;

	if (left == 0)
		return 0;
	if (left < USTAR_BLOCK)
		return -SHALE_EINVAL;
	/* One zero block is enough: readers that want two only differ on junk after it. */
	if (is_zero_block(c->base + c->off))
		return 0;
	rc = read_header((const struct tar_header *)(c->base + c->off), f);
	if (rc)
		return rc;

	avail = left - USTAR_BLOCK;
	if (f->size > avail)
		return -SHALE_EINVAL;
	padded = (f->size + USTAR_BLOCK - 1) & ~(uint64_t)(USTAR_BLOCK - 1);
	if (padded > avail)
		return -SHALE_EINVAL;
	f->data = c->base + c->off + USTAR_BLOCK;
	c->off += USTAR_BLOCK + (size_t)padded;
	return 1;
}

int ustar_foreach(const void *archive, size_t size,
		  int (*fn)(const struct ustar_file *file, void *ctx), void *ctx)
{
	struct tar_cursor c = { .base = archive, .size = size, .off = 0 };
	struct ustar_file f;
	int rc;

	while ((rc = cursor_next(&c, &f)) > 0) {
		rc = fn(&f, ctx);
		if (rc)
			return rc;
	}
	return rc;
}

/*
 * The whole archive is read even after a match: the last copy of a path
 * wins, as when tar extracts, and a corrupt archive is refused whatever
 * the query.
 */
int ustar_find(const void *archive, size_t size, const char *path, struct ustar_file *out)
{
	struct tar_cursor c = { .base = archive, .size = size, .off = 0 };
	struct ustar_file f, match;
	bool found = false;
	int rc;

	for (;;) {
		if (path[0] == '/')
			path++;
		else if (path[0] == '.' && path[1] == '/')
			path += 2;
		else
			break;
	}
	while ((rc = cursor_next(&c, &f)) > 0) {
		if (strcmp(f.name, path) == 0) {
			match = f;
			found = true;
		}
	}
	if (rc)
		return rc;
	if (!found)
		return -SHALE_ENOENT;
	*out = match;
	return 0;
}
