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
	unsigned int i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];

		if (c == '\\')
			fputs("\\\\", out);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 8)
			fprintf(out, "\\%03o", c);
		else if (c < ' ' || c > '~')
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}
