/* SPDX-License-Identifier: MIT */
/*
 * xenstore-rm PATH...: removes each PATH and everything under it. Exits 1
 * if any removal fails.
 */
#include "tool.h"

#define USAGE "PATH..."

int main(int argc, char **argv)
{
	struct xs_handle *h;
	int i, status = 0;

	tool_init(argv[0]);
	if (argc < 2)
		tool_usage(USAGE, "no path given");
	h = tool_open();
	for (i = 1; i < argc; i++) {
		if (!xs_rm(h, XBT_NULL, argv[i])) {
			tool_error("cannot remove", argv[i]);
			status = 1;
		}
	}
	xs_close(h);
	return status;
}
