/* SPDX-License-Identifier: MIT */
/* Built-ins that read the initrd: ls and cat. */
#include <console.h>
#include <public/errno.h>
#include <string.h>
#include "builtins.h"
#include "initrd.h"
#include "shell.h"

struct ls_ctx {
	char dir[USTAR_NAME_MAX];	/* without leading or trailing '/'; "" = all */
	size_t dir_len;
	unsigned int matches;
};

/* Drops leading "/" and "./" and trailing "/", the forms ustar names never have. */
static size_t normalize_dir(char *dst, size_t size, const char *path)
{
	size_t len;

	for (;;) {
		if (path[0] == '/')
			path++;
		else if (path[0] == '.' && path[1] == '/')
			path += 2;
		else
			break;
	}
	if (!strcmp(path, "."))
		path = "";
	strlcpy(dst, path, size);
	len = strlen(dst);
	while (len && dst[len - 1] == '/')
		dst[--len] = '\0';
	return len;
}

static bool in_dir(const char *name, const char *dir, size_t dir_len)
{
	if (!dir_len)
		return true;
	return !strncmp(name, dir, dir_len) && (name[dir_len] == '\0' || name[dir_len] == '/');
}

static int ls_entry(const struct ustar_file *file, void *opaque)
{
	struct ls_ctx *ctx = opaque;
	bool is_dir = file->type == USTAR_TYPE_DIR;

	if (!in_dir(file->name, ctx->dir, ctx->dir_len))
		return 0;
	ctx->matches++;
	printf("%10llu  /%s%s\n", (unsigned long long)file->size, file->name,
	       is_dir ? "/" : "");
	return 0;
}

int cmd_ls(int argc, char **argv)
{
	struct ls_ctx ctx = { .matches = 0 };
	int rc;

	if (argc > 2)
		return shell_usage(shell_find("ls"));
	if (!initrd_present()) {
		printf("ls: no initrd\n");
		return 1;
	}
	ctx.dir_len = normalize_dir(ctx.dir, sizeof(ctx.dir), argc == 2 ? argv[1] : "");
	rc = initrd_foreach(ls_entry, &ctx);
	if (rc < 0) {
		printf("ls: the initrd is corrupt (error %d)\n", rc);
		return 1;
	}
	if (!ctx.matches && ctx.dir_len) {
		printf("ls: %s: no such file or directory\n", argv[1]);
		return 1;
	}
	return 0;
}

static int cat_one(const char *path)
{
	struct ustar_file file;
	int rc = initrd_find(path, &file);

	if (rc == -SHALE_ENOENT) {
		printf("cat: %s: no such file\n", path);
		return 1;
	}
	if (rc < 0) {
		printf("cat: %s: the initrd is corrupt (error %d)\n", path, rc);
		return 1;
	}
	if (file.type == USTAR_TYPE_DIR) {
		printf("cat: %s: is a directory\n", path);
		return 1;
	}
	if (file.type != USTAR_TYPE_FILE && file.type != '\0') {
		printf("cat: %s: not a regular file\n", path);
		return 1;
	}
	console_write(file.data, file.size);
	return 0;
}

int cmd_cat(int argc, char **argv)
{
	int i, failed = 0;

	if (argc < 2)
		return shell_usage(shell_find("cat"));
	if (!initrd_present()) {
		printf("cat: no initrd\n");
		return 1;
	}
	for (i = 1; i < argc; i++)
		failed |= cat_one(argv[i]);
	return failed;
}
