/* SPDX-License-Identifier: MIT */
/* The shell's core: split a line into words, find the command, run it. */
#include <stdbool.h>
#include <console.h>
#include <ctype.h>
#include <public/errno.h>
#include <string.h>
#include "shell.h"

const struct shell_cmd *shell_find(const char *name)
{
	size_t i;

	for (i = 0; i < shell_nr_cmds; i++)
		if (!strcmp(shell_cmds[i].name, name))
			return &shell_cmds[i];
	return NULL;
}

int shell_usage(const struct shell_cmd *cmd)
{
	printf("usage: %s %s\n", cmd->name, cmd->usage);
	return SHELL_STATUS_SYNTAX;
}

/*
 * Copies one word from *in to *out, dropping quotes, and NUL-terminates it.
 * The output never runs ahead of the input, so this works in place.
 */
static int split_word(char **in, char **out)
{
	char *s = *in, *d = *out;
	bool quoted = false;

	for (; *s; s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (*s == ' ' || *s == '\t'))
			break;
		if (quoted && *s == '\\' && s[1])
			s++;
		*d++ = *s;
	}
	if (quoted)
		return -SHALE_EINVAL;
	/* Step over the separator before the NUL may overwrite it. */
	if (*s)
		s++;
	*d++ = '\0';
	*in = s;
	*out = d;
	return 0;
}

int shell_split(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	int argc = 0;

	for (;;) {
		int rc;

		while (*in == ' ' || *in == '\t')
			in++;
		if (!*in || *in == '#')
			return argc;
		if (argc == max)
			return -SHALE_E2BIG;
		argv[argc++] = out;
		rc = split_word(&in, &out);
		if (rc)
			return rc;
	}
}

int shell_run_line(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	const struct shell_cmd *cmd;
	int argc = shell_split(line, argv, SHELL_MAX_ARGS);

	if (argc == -SHALE_E2BIG) {
		printf("shell: too many arguments (max %d words per line)\n", SHELL_MAX_ARGS);
		return SHELL_STATUS_SYNTAX;
	}
	if (argc < 0) {
		printf("shell: unterminated quote\n");
		return SHELL_STATUS_SYNTAX;
	}
	if (argc == 0)
		return 0;
	argv[argc] = NULL;
	cmd = shell_find(argv[0]);
	if (!cmd) {
		printf("shell: %s: command not found\n", argv[0]);
		return SHELL_STATUS_NOT_FOUND;
	}
	return cmd->fn(argc, argv);
}

/* Blank lines and comments are not worth echoing. */
static bool is_blank_or_comment(const char *line)
{
	while (isspace(*line))
		line++;
	return *line == '\0' || *line == '#';
}

/* Runs one script line of len bytes (no newline); returns its status. */
static int run_script_line(const char *name, int lineno, const char *text, size_t len)
{
	char line[SHELL_LINE_MAX];

	if (len && text[len - 1] == '\r')
		len--;
	if (len >= sizeof(line)) {
		printf("%s:%d: line too long (max %d characters)\n", name, lineno,
		       SHELL_LINE_MAX - 1);
		return SHELL_STATUS_SYNTAX;
	}
	memcpy(line, text, len);
	line[len] = '\0';
	if (is_blank_or_comment(line))
		return 0;
	printf("rc> %s\n", line);
	return shell_run_line(line);
}

int shell_run_script(const char *name, const char *text, size_t len)
{
	size_t pos = 0;
	int lineno = 0, failed = 0;

	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;

		lineno++;
		if (run_script_line(name, lineno, start, n) != 0)
			failed++;
		pos += n + 1;
	}
	return failed;
}
