/* SPDX-License-Identifier: MIT */
/* shl's entry point from the dom0 shell, `shl help`, and helpers every family uses. */
#include <console.h>
#include <ctype.h>
#include <string.h>
#include "shell/builtins.h"
#include "shl.h"
#include "toolstack/create.h"

const struct shl_cmd *shl_find(const char *name)
{
	for (unsigned int i = 0; i < shl_nr_cmds; i++)
		if (!strcmp(shl_cmds[i].name, name))
			return &shl_cmds[i];
	return NULL;
}

int shl_usage(const char *name)
{
	const struct shl_cmd *c = shl_find(name);

	printf("Usage: shl %s %s\n", name, c ? c->usage : "");
	return 2;
}

int shl_error(const char *fmt, ...)
{
	va_list ap;

	console_puts("shl: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	console_puts("\n");
	return 1;
}

bool shl_domain_arg(const char *arg, uint16_t *domid)
{
	if (ts_lookup(arg, domid) == 0)
		return true;
	if (ts_is_domid_arg(arg))
		shl_error("no domain with id %s", arg);
	else
		shl_error("no domain named '%s'", arg);
	return false;
}

int shl_getopt(int argc, char **argv, const char *spec, int *optind, char **optarg)
{
	const char *arg = *optind < argc ? argv[*optind] : NULL;
	const char *s;

	if (!arg || arg[0] != '-' || !arg[1])
		return -1;
	(*optind)++;
	if (!strcmp(arg, "--"))
		return -1;
	s = arg[2] ? NULL : strchr(spec, arg[1]);
	if (!s || arg[1] == ':') {
		shl_error("%s: unknown option '%s'", argv[0], arg);
		return '?';
	}
	if (s[1] == ':') {
		if (*optind >= argc) {
			shl_error("%s: option '%s' needs an argument", argv[0], arg);
			return '?';
		}
		*optarg = argv[(*optind)++];
	}
	return arg[1];
}

static void describe(const struct shl_cmd *c)
{
	/* The one-line help starts lower-case in the list; as a sentence it takes a capital. */
	printf("Usage: shl %s %s\n\n%c%s.\n", c->name, c->usage, toupper(c->help[0]),
	       c->help + 1);
	if (c->options)
		printf("\n%s", c->options);
}

int shl_help(int argc, char **argv)
{
	const struct shl_cmd *c;

	if (argc > 2)
		return shl_usage("help");
	if (argc == 2) {
		c = shl_find(argv[1]);
		if (!c)
			return shl_error("help: unknown command '%s'", argv[1]);
		describe(c);
		return 0;
	}
	printf("Usage: shl COMMAND [ARGS]\n\nCommands:\n");
	for (unsigned int i = 0; i < shl_nr_cmds; i++)
		printf(" %-16s%s\n", shl_cmds[i].name, shl_cmds[i].help);
	printf("\nDOM is a domain name or id. 'shl help COMMAND' describes one command.\n");
	return 0;
}

int cmd_shl(int argc, char **argv)
{
	const struct shl_cmd *c;

	if (argc < 2)
		return shl_help(1, argv) ? 1 : 2;
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return shl_help(1, argv);
	c = shl_find(argv[1]);
	if (!c)
		return shl_error("unknown command '%s' (try 'shl help')", argv[1]);
	if (argc == 3 && (!strcmp(argv[2], "-h") || !strcmp(argv[2], "--help"))) {
		describe(c);
		return 0;
	}
	return c->fn(argc - 1, argv + 1);
}
