/* SPDX-License-Identifier: MIT */
/*
 * xenstore-write PATH VALUE [PATH VALUE]...: writes each VALUE, as given,
 * at its PATH, creating missing parents. Exits 1 if any write fails.
 */
#include "tool.h"

#include <string.h>

#define USAGE "PATH VALUE [PATH VALUE]..."

int main(int argc, char **argv)
{
	struct xs_handle *h;
	int i, status = 0;

	tool_init(argv[0]);
	if (argc < 3 || (argc - 1) % 2 != 0)
		tool_usage(USAGE, "expected pairs of path and value");
	h = tool_open();
	for (i = 1; i + 1 < argc; i += 2) {
		if (!xs_write(h, XBT_NULL, argv[i], argv[i + 1], strlen(argv[i + 1]))) {
			tool_error("cannot write", argv[i]);
			status = 1;
		}
	}
	xs_close(h);
	return status;
}
