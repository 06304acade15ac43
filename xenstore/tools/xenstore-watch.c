/* SPDX-License-Identifier: MIT */
/*
 * xenstore-watch [-n COUNT] PATH...: watches each PATH (the token is the
 * path itself) and prints "PATH TOKEN" for every event, flushed at once.
 * The store sends one event per watch when it is set. With -n, exits 0
 * after COUNT events; otherwise runs until the connection fails (exit 1).
 */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define USAGE "[-n COUNT] PATH..."

static unsigned long parse_count(const char *s)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno || n == 0)
		tool_usage(USAGE, "COUNT must be a positive number");
	return n;
}

int main(int argc, char **argv)
{
	unsigned long count = 0, seen = 0;
	struct xs_handle *h;
	int opt, i;

	tool_init(argv[0]);
	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt == 'n')
			count = parse_count(optarg);
		else
			tool_usage(USAGE, "unknown option");
	}
	if (optind == argc)
		tool_usage(USAGE, "no path given");
	h = tool_open();
	for (i = optind; i < argc; i++) {
		if (!xs_watch(h, argv[i], argv[i])) {
			tool_error("cannot watch", argv[i]);
			xs_close(h);
			return 1;
		}
	}
	while (count == 0 || seen < count) {
		unsigned int num;
		char **ev = xs_read_watch(h, &num);

		if (!ev) {
			tool_error("lost the connection while watching", argv[optind]);
			xs_close(h);
			return 1;
		}
		printf("%s %s\n", ev[XS_WATCH_PATH], ev[XS_WATCH_TOKEN]);
		fflush(stdout);
		free(ev);
		seen++;
	}
	xs_close(h);
	return 0;
}
