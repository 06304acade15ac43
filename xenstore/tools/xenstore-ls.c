/* SPDX-License-Identifier: MIT */
/*
 * xenstore-ls [-f] [-p] [PATH]: prints the tree under PATH (default "/"),
 * one node a line as `name = "value"`, indented one space per level below
 * PATH's children, like Xen's tool. -f prints full paths without indent;
 * -p appends each node's permissions, "  (b0,r5)". Nodes removed while
 * listing are skipped; any other failure is reported and exits 1.
 */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "[-f] [-p] [PATH]"

struct ls_options {
	bool full_path;
	bool perms;
};

static void print_perms(struct xs_handle *h, const char *path)
{
	unsigned int num, i;
	struct xs_permissions *perms = xs_get_permissions(h, XBT_NULL, path, &num);

	if (!perms) {
		fputs("  (?)", stdout);
		return;
	}
	fputs("  (", stdout);
	for (i = 0; i < num; i++) {
		char text[16];

		if (!xs_perm_to_string(&perms[i], text, sizeof(text)))
			strcpy(text, "?");
		printf("%s%s", i ? "," : "", text);
	}
	putchar(')');
	free(perms);
}

/* Prints one node's line; returns -1 if it vanished, 1 on another failure. */
static int print_node(struct xs_handle *h, const char *path, const char *name,
		      unsigned int depth, const struct ls_options *opt)
{
	unsigned int len;
	char *value = xs_read(h, XBT_NULL, path, &len);

	if (!value) {
		if (errno == ENOENT)
			return -1;
		tool_error("cannot read", path);
		return 1;
	}
	if (opt->full_path)
		printf("%s = \"", path);
	else
		printf("%*s%s = \"", (int)depth, "", name);
	tool_print_value(stdout, value, len);
	putchar('"');
	if (opt->perms)
		print_perms(h, path);
	putchar('\n');
	free(value);
	return 0;
}

static char *child_path(const char *parent, const char *name)
{
	size_t plen = strlen(parent);
	bool root = plen > 0 && parent[plen - 1] == '/';
	char *path = malloc(plen + strlen(name) + 2);

	if (path)
		sprintf(path, root ? "%s%s" : "%s/%s", parent, name);
	return path;
}

/* Lists path's subtree below it; returns the exit status so far (0 or 1). */
static int list_tree(struct xs_handle *h, const char *path, unsigned int depth,
		     const struct ls_options *opt)
{
	unsigned int num, i;
	int status = 0;
	char **names = xs_directory(h, XBT_NULL, path, &num);

	if (!names) {
		if (errno == ENOENT && depth > 0)
			return 0;
		tool_error("cannot list", path);
		return 1;
	}
	for (i = 0; i < num; i++) {
		char *child = child_path(path, names[i]);
		int rc;

		if (!child) {
			tool_error("out of memory at", path);
			status = 1;
			break;
		}
		rc = print_node(h, child, names[i], depth, opt);
		if (rc > 0)
			status = 1;
		else if (rc == 0 && list_tree(h, child, depth + 1, opt))
			status = 1;
		free(child);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	struct ls_options opt = { false, false };
	struct xs_handle *h;
	const char *path = "/";
	int c, status;

	tool_init(argv[0]);
	while ((c = getopt(argc, argv, "fp")) != -1) {
		if (c == 'f')
			opt.full_path = true;
		else if (c == 'p')
			opt.perms = true;
		else
			tool_usage(USAGE, "unknown option");
	}
	if (argc - optind > 1)
		tool_usage(USAGE, "at most one path");
	if (optind < argc)
		path = argv[optind];
	h = tool_open();
	status = list_tree(h, path, 0, &opt);
	xs_close(h);
	return status;
}
