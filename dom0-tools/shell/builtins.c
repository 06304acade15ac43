/* SPDX-License-Identifier: MIT */
/* Built-ins about the shell and the domain: help, echo, version, poweroff, reboot. */
#include <console.h>
#include <hypercall.h>
#include <kernel.h>
#include <string.h>
#include "builtins.h"
#include "shell.h"

#define HELP_COLUMN	24	/* where the help text starts */

static void help_line(const struct shell_cmd *cmd)
{
	char synopsis[64];

	snprintf(synopsis, sizeof(synopsis), "%s %s", cmd->name, cmd->usage);
	printf("  %-*s %s\n", HELP_COLUMN - 3, synopsis, cmd->help);
}

int cmd_help(int argc, char **argv)
{
	const struct shell_cmd *cmd;
	size_t i;

	if (argc > 2)
		return shell_usage(shell_find("help"));
	if (argc == 2) {
		cmd = shell_find(argv[1]);
		if (!cmd) {
			printf("help: %s: no such command\n", argv[1]);
			return 1;
		}
		printf("usage: %s %s\n  %s\n", cmd->name, cmd->usage, cmd->help);
		return 0;
	}
	printf("Commands:\n");
	for (i = 0; i < shell_nr_cmds; i++)
		help_line(&shell_cmds[i]);
	return 0;
}

int cmd_echo(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		printf("%s%s", i > 1 ? " " : "", argv[i]);
	printf("\n");
	return 0;
}

/* Names of the feature bits of submap 0, by bit number. */
static const char *const feature_names[] = {
	"console_read",
	"sched_block",
};

static void print_features(uint32_t map)
{
	size_t bit;

	printf("features: %#010x", map);
	for (bit = 0; bit < 32; bit++) {
		if (!(map & (1u << bit)))
			continue;
		if (bit < ARRAY_SIZE(feature_names))
			printf(" %s", feature_names[bit]);
		else
			printf(" bit%zu", bit);
	}
	printf("\n");
}

int cmd_version(int argc, char **argv)
{
	struct shale_version_extra extra = { .extra = "" };
	struct shale_version_features feat = { .submap_idx = 0 };
	long ver, rc;

	if (argc != 1)
		return shell_usage(shell_find("version"));
	ver = HYPERVISOR_version(SHALE_VERSION_version, NULL);
	if (ver < 0) {
		printf("version: version hypercall failed (error %ld)\n", ver);
		return 1;
	}
	rc = HYPERVISOR_version(SHALE_VERSION_extraversion, &extra);
	extra.extra[sizeof(extra.extra) - 1] = '\0';
	printf("Shale ABI %ld.%ld, extraversion \"%s\"\n", ver >> 16, ver & 0xffff,
	       rc == 0 ? extra.extra : "?");
	rc = HYPERVISOR_version(SHALE_VERSION_get_features, &feat);
	if (rc < 0) {
		printf("version: get_features failed (error %ld)\n", rc);
		return 1;
	}
	print_features(feat.submap);
	return 0;
}

int cmd_poweroff(int argc, char **argv)
{
	printf("dom0: powering off\n");
	guest_poweroff();
}

int cmd_reboot(int argc, char **argv)
{
	printf("dom0: rebooting\n");
	guest_reboot();
}
