/* SPDX-License-Identifier: MIT */
/* Command-line parsing for xenstored. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "options.h"

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s --socket PATH --database PATH [--pid-file PATH] [-D]\n"
		"  -s, --socket PATH     Unix socket to listen on (every client is dom0)\n"
		"  -d, --database PATH   LMDB file holding the store (created if missing)\n"
		"  -p, --pid-file PATH   write the daemon's pid there\n"
		"  -D, --daemon          go to the background once the socket listens\n"
		"  -h, --help            this text\n",
		prog);
}

int options_parse(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "database", required_argument, NULL, 'd' },
		{ "pid-file", required_argument, NULL, 'p' },
		{ "daemon", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(opts, 0, sizeof(*opts));
	while ((c = getopt_long(argc, argv, "s:d:p:Dh", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts->socket_path = optarg;
			break;
		case 'd':
			opts->database = optarg;
			break;
		case 'p':
			opts->pid_file = optarg;
			break;
		case 'D':
			opts->daemonize = true;
			break;
		case 'h':
			usage(stdout, argv[0]);
			return 1;
		default:
			usage(stderr, argv[0]);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]);
		return -1;
	}
	if (!opts->socket_path || !opts->database) {
		fprintf(stderr, "%s: --socket and --database are required\n", argv[0]);
		usage(stderr, argv[0]);
		return -1;
	}
	return 0;
}
