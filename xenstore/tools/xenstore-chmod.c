/* SPDX-License-Identifier: MIT */
/*
 * xenstore-chmod [-r] PATH PERM...: sets PATH's permission list, Xen's
 * syntax: each PERM is a letter (n none, r read, w write, b both) and a
 * domid; the first names the owner and what every other domain may do.
 * -r also applies the list to everything under PATH.
 */
#include "tool.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "[-r] PATH PERM..."

static int set_perms(struct xs_handle *h, const char *path,
		     const struct xs_permissions *perms, unsigned int num, bool recurse)
{
	unsigned int n, i;
	int status = 0;
	char **names;

	if (!xs_set_permissions(h, XBT_NULL, path, perms, num)) {
		tool_error("cannot set permissions of", path);
		return 1;
	}
	if (!recurse)
		return 0;
	names = xs_directory(h, XBT_NULL, path, &n);
	if (!names) {
		tool_error("cannot list", path);
		return 1;
	}
	for (i = 0; i < n && status == 0; i++) {
		size_t plen = strlen(path);
		char *child = malloc(plen + strlen(names[i]) + 2);

		if (!child) {
			tool_error("out of memory at", path);
			status = 1;
			break;
		}
		sprintf(child, plen && path[plen - 1] == '/' ? "%s%s" : "%s/%s", path, names[i]);
		status = set_perms(h, child, perms, num, true);
		free(child);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	struct xs_permissions *perms;
	bool recurse = false;
	struct xs_handle *h;
	unsigned int num, i;
	int opt, status;

	tool_init(argv[0]);
	while ((opt = getopt(argc, argv, "r")) != -1) {
		if (opt == 'r')
			recurse = true;
		else
			tool_usage(USAGE, "unknown option");
	}
	if (argc - optind < 2)
		tool_usage(USAGE, "need a path and at least one permission");
	num = (unsigned int)(argc - optind - 1);
	perms = calloc(num, sizeof(*perms));
	if (!perms) {
		tool_error("out of memory for", argv[optind]);
		return 1;
	}
	for (i = 0; i < num; i++) {
		const char *text = argv[optind + 1 + i];

		if (!xs_perm_from_string(text, &perms[i])) {
			fprintf(stderr, "%s: bad permission '%s' (want n, r, w or b and a domid, e.g. r5)\n",
				tool_name, text);
			free(perms);
			return 2;
		}
	}
	h = tool_open();
	status = set_perms(h, argv[optind], perms, num, recurse);
	xs_close(h);
	free(perms);
	return status;
}
