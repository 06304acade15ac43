/* SPDX-License-Identifier: MIT */
/*
 * xenstore-read [-p] [-R] PATH...: prints the value of each PATH on its own
 * line, escaped (-p: prefixed with "PATH: "). -R writes the bytes as they
 * are and, like Xen's tool, no newline after them. Exits 1 if any PATH
 * cannot be read.
 */
#include "tool.h"

#include <stdlib.h>
#include <unistd.h>

#define USAGE "[-p] [-R] PATH..."

int main(int argc, char **argv)
{
	bool prefix = false, raw = false;
	struct xs_handle *h;
	int opt, i, status = 0;

	tool_init(argv[0]);
	while ((opt = getopt(argc, argv, "pR")) != -1) {
		if (opt == 'p')
			prefix = true;
		else if (opt == 'R')
			raw = true;
		else
			tool_usage(USAGE, "unknown option");
	}
	if (optind == argc)
		tool_usage(USAGE, "no path given");
	h = tool_open();
	for (i = optind; i < argc; i++) {
		unsigned int len;
		char *value = xs_read(h, XBT_NULL, argv[i], &len);

		if (!value) {
			tool_error("cannot read", argv[i]);
			status = 1;
			continue;
		}
		if (prefix)
			printf("%s: ", argv[i]);
		if (raw) {
			fwrite(value, 1, len, stdout);
		} else {
			tool_print_value(stdout, value, len);
			putchar('\n');
		}
		free(value);
	}
	xs_close(h);
	return status;
}
