/* SPDX-License-Identifier: MIT */
/*
 * dom0's shell: splits a command line into words and runs the built-in
 * command it names. Lines come from the console (readline.h) or from a
 * script such as /etc/rc.
 *
 * Syntax: words separated by spaces or tabs; "double quotes" keep spaces
 * in a word and a backslash in quotes escapes the next character; a '#' at
 * the start of a word starts a comment to the end of the line.
 */
#ifndef SHALE_DOM0_SHELL_H
#define SHALE_DOM0_SHELL_H

#include <stddef.h>

#define SHELL_LINE_MAX	256	/* bytes of a line, the NUL included */
#define SHELL_MAX_ARGS	16	/* words of a line, the command included */

/* Status of a command that could not be run (unknown name, bad syntax). */
#define SHELL_STATUS_NOT_FOUND	127
#define SHELL_STATUS_SYNTAX	2

struct shell_cmd {
	const char *name;
	const char *usage;	/* arguments, shown after the name */
	const char *help;	/* one line */
	/* Returns 0 on success, non-zero (printed errors already) on failure. */
	int (*fn)(int argc, char **argv);
};

/* The command table (cmdtable.c), sorted by name, and its length. */
extern const struct shell_cmd shell_cmds[];
extern const size_t shell_nr_cmds;

/* The command called name, or NULL. */
const struct shell_cmd *shell_find(const char *name);

/* Prints "usage: NAME USAGE" for cmd and returns SHELL_STATUS_SYNTAX. */
int shell_usage(const struct shell_cmd *cmd);

/*
 * Splits line in place into at most max words (argv[max] is not written).
 * Returns the number of words, -SHALE_E2BIG with more than max words, or
 * -SHALE_EINVAL on an unterminated quote.
 */
int shell_split(char *line, char **argv, int max);

/*
 * Runs one line (modified in place). Errors are printed with a "shell: "
 * prefix. Returns the command's status: 0 for an empty line or success.
 */
int shell_run_line(char *line);

/*
 * Runs each line of a script held in memory (name is used in messages),
 * echoing it as "rc> LINE" first. Blank and comment lines are skipped; a
 * failing line does not stop the others. Returns the number of lines that
 * failed.
 */
int shell_run_script(const char *name, const char *text, size_t len);

#endif /* SHALE_DOM0_SHELL_H */
