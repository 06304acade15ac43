/* SPDX-License-Identifier: MIT */
/* `repeat N COMMAND...`: runs a built-in command N times, stopping at the first failure. */
#include <console.h>
#include <ctype.h>
#include <string.h>
#include "shell/shell.h"
#include "shell/builtins.h"

#define REPEAT_MAX	1000000ul

int cmd_repeat(int argc, char **argv)
{
	const struct shell_cmd *cmd;
	unsigned long n, i;
	char *end;

	if (argc < 3)
		return shell_usage(shell_find("repeat"));
	n = strtoul(argv[1], &end, 10);
	if (!isdigit(argv[1][0]) || *end || strlen(argv[1]) > 7 || n > REPEAT_MAX) {
		printf("repeat: '%s': expected a count from 0 to %lu\n", argv[1], REPEAT_MAX);
		return 1;
	}
	cmd = shell_find(argv[2]);
	if (!cmd) {
		printf("shell: %s: command not found\n", argv[2]);
		return SHELL_STATUS_NOT_FOUND;
	}
	for (i = 0; i < n; i++) {
		int rc = cmd->fn(argc - 2, argv + 2);

		if (rc) {
			printf("repeat: %s failed (status %d) on run %lu of %lu\n", argv[2], rc,
			       i + 1, n);
			return rc;
		}
	}
	return 0;
}
