/* SPDX-License-Identifier: MIT */
/*
 * shl: dom0's xl-like command. One table of subcommands (cmdtable.c), one
 * file per family: vmcontrol.c (create, destroy, shutdown, reboot, pause,
 * unpause), console.c (console), info.c (list, info, dmesg), sched.c (sched-credit), memory.c
 * (mem-max). The dom0 shell runs `shl ARGS...` through cmd_shl().
 *
 * Each handler gets argv with argv[0] the subcommand's name and returns 0
 * on success or 1 after printing one line that starts with "shl: ".
 */
#ifndef SHALE_DOM0_SHL_H
#define SHALE_DOM0_SHL_H

#include <stdbool.h>
#include <stdint.h>
#include <compiler.h>

struct shl_cmd {
	const char *name;
	const char *usage;	/* the arguments, after the name */
	const char *help;	/* one line */
	const char *options;	/* lines describing the options, or NULL */
	int (*fn)(int argc, char **argv);
};

/* The table (cmdtable.c) in the order `shl help` shows it. */
extern const struct shl_cmd shl_cmds[];
extern const unsigned int shl_nr_cmds;

const struct shl_cmd *shl_find(const char *name);

/* Prints "Usage: shl NAME USAGE" and returns 2 (the shell's syntax status). */
int shl_usage(const char *name);

/* Prints "shl: " and the message, and a newline; returns 1. */
int shl_error(const char *fmt, ...) __printf(1, 2);

/*
 * Resolves a domain argument: a name, or a number (the domain id).
 * Prints "shl: no domain named 'x'" (or "... with id N") and returns
 * false when there is none.
 */
bool shl_domain_arg(const char *arg, uint16_t *domid);

/*
 * A tiny getopt for "-p", "-d DOM": returns the next option letter, or -1
 * at the first non-option argument (or "--"). *optind starts at 1; an
 * option's argument goes to *optarg. Unknown options and missing arguments
 * print "shl: NAME: ..." and return '?'.
 */
int shl_getopt(int argc, char **argv, const char *spec, int *optind, char **optarg);

/* Handlers (one family per file). */
int shl_help(int argc, char **argv);
int shl_create(int argc, char **argv);
int shl_destroy(int argc, char **argv);
int shl_shutdown(int argc, char **argv);
int shl_reboot(int argc, char **argv);
int shl_pause(int argc, char **argv);
int shl_unpause(int argc, char **argv);
int shl_list(int argc, char **argv);
int shl_info(int argc, char **argv);
int shl_dmesg(int argc, char **argv);
int shl_sched_credit(int argc, char **argv);
int shl_mem_max(int argc, char **argv);
int shl_xenstore_ls(int argc, char **argv);
int shl_xenstore_read(int argc, char **argv);
int shl_xenstore_write(int argc, char **argv);
int shl_xenstore_rm(int argc, char **argv);
int shl_xenstore_watch(int argc, char **argv);
int shl_console(int argc, char **argv);

/*
 * Attaches dom0's terminal to domid's console until Ctrl-] (console.c):
 * prints a line on attaching and on detaching. Returns 0 or 1 after one
 * "shl: console: ..." line (no console, gone, busy, broken ring).
 */
int shl_attach_console(uint16_t domid);

#endif /* SHALE_DOM0_SHL_H */
