/* SPDX-License-Identifier: MIT */
/* The memory file system: named files in contiguous page runs, and shared views of them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "memfs.h"

struct memfs_file {
	struct memfs_file *next;	/* every live file */
	char *name;			/* NULL once unlinked */
	unsigned char *data;		/* the reservation; NULL while it is empty */
	unsigned long pages;		/* its length in pages */
	uint64_t size;
	unsigned long refs;		/* open references */
	unsigned long maps;		/* views that pin data */
};

struct memfs_view {
	struct memfs_view *next;
	struct memfs_file *file;
	void *addr;
	size_t len;
};

static struct memfs_file *files;
static struct memfs_view *views;

static unsigned long pages_for(uint64_t bytes)
{
	return (unsigned long)((bytes + MEMFS_PAGE_SIZE - 1) / MEMFS_PAGE_SIZE);
}

static struct memfs_file *find_file(const char *name)
{
	struct memfs_file *f;

	for (f = files; f; f = f->next)
		if (f->name && strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Frees f once nothing refers to it: no name, no open reference, no view. */
static void release_if_unused(struct memfs_file *f)
{
	struct memfs_file **p;

	if (f->name || f->refs || f->maps)
		return;
	for (p = &files; *p != f; p = &(*p)->next)
		;
	*p = f->next;
	if (f->data)
		memfs_pages_free(f->data, f->pages);
	free(f);
}

/*
 * Makes the reservation hold at least bytes. A pinned (mapped) file
 * cannot move. exact: reserve just enough (for views); otherwise at
 * least double, falling back to just enough if that much is not there.
 */
static int reserve(struct memfs_file *f, uint64_t bytes, bool exact)
{
	unsigned long need = pages_for(bytes), pages;
	unsigned char *data;

	if (bytes > MEMFS_FILE_MAX)
		return -EFBIG;
	if (need <= f->pages)
		return 0;
	if (f->maps)
		return -ENOSPC;
	pages = exact || need > 2 * f->pages ? need : 2 * f->pages;
	data = memfs_pages_alloc(pages);
	if (!data && pages != need) {
		pages = need;
		data = memfs_pages_alloc(pages);
	}
	if (!data)
		return -ENOSPC;
	if (f->data)
		memcpy(data, f->data, f->size);
	memset(data + f->size, 0, pages * MEMFS_PAGE_SIZE - f->size);
	if (f->data)
		memfs_pages_free(f->data, f->pages);
	f->data = data;
	f->pages = pages;
	return 0;
}

static int create_file(const char *name, struct memfs_file **out)
{
	struct memfs_file *f = calloc(1, sizeof(*f));
	size_t len = strlen(name);

	if (!f)
		return -ENOMEM;
	f->name = malloc(len + 1);
	if (!f->name) {
		free(f);
		return -ENOMEM;
	}
	memcpy(f->name, name, len + 1);
	f->next = files;
	files = f;
	*out = f;
	return 0;
}

static int check_open_flags(const char *name, unsigned int flags)
{
	if (!name || !name[0])
		return -EINVAL;
	if (strnlen(name, MEMFS_NAME_MAX + 1) > MEMFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (!(flags & (MEMFS_READ | MEMFS_WRITE)))
		return -EINVAL;
	if ((flags & MEMFS_TRUNC) && !(flags & MEMFS_WRITE))
		return -EINVAL;
	return 0;
}

int memfs_open(const char *name, unsigned int flags, struct memfs_file **out)
{
	struct memfs_file *f;
	int rc = check_open_flags(name, flags);

	if (rc)
		return rc;
	f = find_file(name);
	if (f && (flags & MEMFS_CREATE) && (flags & MEMFS_EXCL))
		return -EEXIST;
	if (!f) {
		if (!(flags & MEMFS_CREATE))
			return -ENOENT;
		rc = create_file(name, &f);
		if (rc)
			return rc;
	}
	if (flags & MEMFS_TRUNC)
		memfs_truncate(f, 0);	/* shrinking cannot fail */
	f->refs++;
	*out = f;
	return 0;
}

void memfs_close(struct memfs_file *f)
{
	f->refs--;
	release_if_unused(f);
}

int memfs_unlink(const char *name)
{
	struct memfs_file *f = name ? find_file(name) : NULL;

	if (!f)
		return -ENOENT;
	free(f->name);
	f->name = NULL;
	release_if_unused(f);
	return 0;
}

long memfs_read(struct memfs_file *f, void *buf, size_t len, uint64_t off)
{
	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = (size_t)(f->size - off);
	memcpy(buf, f->data + off, len);
	return (long)len;
}

long memfs_write(struct memfs_file *f, const void *buf, size_t len, uint64_t off)
{
	int rc;

	if (off > MEMFS_FILE_MAX || len > MEMFS_FILE_MAX - off)
		return -EFBIG;
	if (len == 0)
		return 0;
	rc = reserve(f, off + len, false);
	if (rc)
		return rc;
	memcpy(f->data + off, buf, len);
	if (off + len > f->size)
		f->size = off + len;
	return (long)len;
}

int memfs_truncate(struct memfs_file *f, uint64_t size)
{
	int rc;

	if (size < f->size) {
		memset(f->data + size, 0, f->size - size);
		f->size = size;
		return 0;
	}
	rc = reserve(f, size, false);
	if (rc)
		return rc;
	f->size = size;		/* the new part is zero already */
	return 0;
}

uint64_t memfs_size(const struct memfs_file *f)
{
	return f->size;
}

uint64_t memfs_reserved(const struct memfs_file *f)
{
	return (uint64_t)f->pages * MEMFS_PAGE_SIZE;
}

bool memfs_linked(const struct memfs_file *f)
{
	return f->name != NULL;
}

void *memfs_map(struct memfs_file *f, uint64_t off, size_t len, int *err)
{
	struct memfs_view *v;
	int rc;

	if (len == 0 || off % MEMFS_PAGE_SIZE) {
		*err = -EINVAL;
		return NULL;
	}
	if (off > MEMFS_FILE_MAX || len > MEMFS_FILE_MAX - off) {
		*err = -EFBIG;
		return NULL;
	}
	rc = reserve(f, off + len, true);
	v = rc ? NULL : malloc(sizeof(*v));
	if (!v) {
		*err = -ENOMEM;
		return NULL;
	}
	v->file = f;
	v->addr = f->data + off;
	v->len = len;
	v->next = views;
	views = v;
	f->maps++;
	*err = 0;
	return v->addr;
}

int memfs_unmap(void *addr, size_t len)
{
	struct memfs_view **p, *v;
	struct memfs_file *f;

	for (p = &views; (v = *p); p = &v->next)
		if (v->addr == addr && v->len == len)
			break;
	if (!v)
		return -EINVAL;
	*p = v->next;
	f = v->file;
	free(v);
	f->maps--;
	release_if_unused(f);
	return 0;
}

int memfs_check_mapped(const void *addr, size_t len)
{
	uintptr_t a = (uintptr_t)addr;
	struct memfs_view *v;

	for (v = views; v; v = v->next) {
		uintptr_t start = (uintptr_t)v->addr;

		if (a >= start && a - start <= v->len && len <= v->len - (a - start))
			return 0;
	}
	return -ENOMEM;
}

void memfs_get_stats(struct memfs_stats *st)
{
	struct memfs_file *f;
	struct memfs_view *v;

	memset(st, 0, sizeof(*st));
	for (f = files; f; f = f->next) {
		st->files++;
		st->bytes += f->size;
		st->pages += f->pages;
	}
	for (v = views; v; v = v->next)
		st->mappings++;
}
