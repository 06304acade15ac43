/* SPDX-License-Identifier: MIT */
/*
 * Handlers of the built-in commands, listed in cmdtable.c. Each takes the
 * split line (argv[0] is the command name, argv[argc] is NULL) and returns
 * 0 on success, non-zero after printing why it failed.
 */
#ifndef SHALE_DOM0_BUILTINS_H
#define SHALE_DOM0_BUILTINS_H

/* builtins.c: the shell itself, the domain, its time and threads */
int cmd_help(int argc, char **argv);
int cmd_echo(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);
int cmd_reboot(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_sleep(int argc, char **argv);
int cmd_threads(int argc, char **argv);

/* files.c: the initrd */
int cmd_ls(int argc, char **argv);
int cmd_cat(int argc, char **argv);

/* bench.c: measurements and self-tests of kernel facilities */
int cmd_bench_hypercall(int argc, char **argv);
int cmd_evtchn_test(int argc, char **argv);
int cmd_thread_test(int argc, char **argv);

/* mem.c: memory management */
int cmd_meminfo(int argc, char **argv);
int cmd_malloc_test(int argc, char **argv);
int cmd_map_test(int argc, char **argv);
int cmd_foreign_test(int argc, char **argv);

/* lmdb_selftest.c, lmdb_bench.c: LMDB on dom0's POSIX shim (xenstore/dom0/) */
int cmd_lmdb_selftest(int argc, char **argv);
int cmd_lmdb_bench(int argc, char **argv);

/* fault.c: exceptions on purpose */
int cmd_fault(int argc, char **argv);

/* ../shl/shl.c: the toolstack's xl-like command */
int cmd_shl(int argc, char **argv);

/* ../tools/: scripting, toolstack stress, event-channel and grant-table diagnostics */
int cmd_repeat(int argc, char **argv);
int cmd_stress_create(int argc, char **argv);
int cmd_bench_domains(int argc, char **argv);
int cmd_bench_density(int argc, char **argv);
int cmd_bench_create(int argc, char **argv);
int cmd_bench_sched(int argc, char **argv);
int cmd_lsevtchn(int argc, char **argv);
int cmd_evtchn_offer(int argc, char **argv);
int cmd_gnttab_test(int argc, char **argv);
int cmd_lscons(int argc, char **argv);
int cmd_bench_console(int argc, char **argv);
int cmd_bench_store(int argc, char **argv);

#endif /* SHALE_DOM0_BUILTINS_H */
