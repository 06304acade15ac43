/* SPDX-License-Identifier: MIT */
/* The daemon's command line. */
#ifndef SHALE_XENSTORE_HOST_OPTIONS_H
#define SHALE_XENSTORE_HOST_OPTIONS_H

#include <stdbool.h>

struct options {
	const char *socket_path;
	const char *database;
	const char *pid_file;	/* NULL: none */
	bool daemonize;
};

/*
 * Parses argv. Returns 0 to run, 1 when --help was printed, -1 after
 * printing an error to stderr.
 */
int options_parse(int argc, char **argv, struct options *opts);

#endif /* SHALE_XENSTORE_HOST_OPTIONS_H */
