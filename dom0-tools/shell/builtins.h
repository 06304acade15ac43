/* SPDX-License-Identifier: MIT */
/*
 * Handlers of the built-in commands, listed in cmdtable.c. Each takes the
 * split line (argv[0] is the command name, argv[argc] is NULL) and returns
 * 0 on success, non-zero after printing why it failed.
 */
#ifndef SHALE_DOM0_BUILTINS_H
#define SHALE_DOM0_BUILTINS_H

/* builtins.c: the shell itself and the domain */
int cmd_help(int argc, char **argv);
int cmd_echo(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);
int cmd_reboot(int argc, char **argv);

/* files.c: the initrd */
int cmd_ls(int argc, char **argv);
int cmd_cat(int argc, char **argv);

/* bench.c: measurements */
int cmd_bench_hypercall(int argc, char **argv);

/* mem.c: memory management */
int cmd_meminfo(int argc, char **argv);
int cmd_malloc_test(int argc, char **argv);
int cmd_map_test(int argc, char **argv);

/* fault.c: exceptions on purpose */
int cmd_fault(int argc, char **argv);

#endif /* SHALE_DOM0_BUILTINS_H */
