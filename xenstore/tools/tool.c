/* SPDX-License-Identifier: MIT */
/* Shared helpers of the xenstore-* host tools. */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *tool_name = "xenstore";

void tool_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	tool_name = slash ? slash + 1 : argv0;
}

struct xs_handle *tool_open(void)
{
	const char *path = getenv("XENSTORED_PATH");
	struct xs_handle *h = xs_open(0);

	if (!h) {
		fprintf(stderr, "%s: cannot connect to the store at %s: %s\n", tool_name,
			path && *path ? path : "/var/run/xenstored/socket", strerror(errno));
		exit(1);
	}
	return h;
}

void tool_error(const char *what, const char *path)
{
	fprintf(stderr, "%s: %s %s: %s\n", tool_name, what, path, strerror(errno));
}

void tool_usage(const char *usage, const char *message)
{
	fprintf(stderr, "%s: %s\nusage: %s %s\n", tool_name, message, tool_name, usage);
	exit(2);
}

void tool_print_value(FILE *out, const char *value, unsigned int len)
{
	char buf[4 * 64 + 1];	/* an escape is at most 4 bytes */

	/* Piecewise: an escape never straddles two pieces. */
	for (unsigned int off = 0; off < len; off += 64) {
		unsigned int n = len - off < 64 ? len - off : 64;

		xs_escape_value(value + off, n, buf, sizeof(buf));
		fputs(buf, out);
	}
}
