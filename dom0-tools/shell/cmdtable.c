/* SPDX-License-Identifier: MIT */
/* The shell's command table: every built-in, in alphabetical order. */
#include <compiler.h>
#include "builtins.h"
#include "shell.h"

const struct shell_cmd shell_cmds[] = {
	{ "bench-hypercall", "[N]", "time N null hypercalls (default 1000000)",
	  cmd_bench_hypercall },
	{ "cat", "FILE...", "print files from the initrd", cmd_cat },
	{ "echo", "[ARG...]", "print the arguments", cmd_echo },
	{ "evtchn-offer", "DOM", "offer DOM an unbound dom0 event-channel port",
	  cmd_evtchn_offer },
	{ "evtchn-test", "", "event channels: loopback interdomain, ipi, masking",
	  cmd_evtchn_test },
	{ "fault", "KIND", "raise an exception: pf-read pf-write pt-write ud gp int3",
	  cmd_fault },
	{ "foreign-test", "[DOMID]", "map frames through foreign_dom (own, or DOMID's first)",
	  cmd_foreign_test },
	{ "help", "[COMMAND]", "list the commands, or describe one", cmd_help },
	{ "ls", "[DIR]", "list the initrd (under DIR) with sizes", cmd_ls },
	{ "lsevtchn", "[DOM]", "list the open event-channel ports of dom0 (or DOM)",
	  cmd_lsevtchn },
	{ "malloc-test", "[N]", "allocate, check and free N blocks (default 1000)",
	  cmd_malloc_test },
	{ "map-test", "", "map a page at more addresses via map_frame; check refusals",
	  cmd_map_test },
	{ "meminfo", "", "pages, page tables, malloc and trap counts", cmd_meminfo },
	{ "poweroff", "", "stop dom0 and the machine", cmd_poweroff },
	{ "reboot", "", "restart the machine", cmd_reboot },
	{ "repeat", "N COMMAND [ARG...]", "run a command N times; stop at a failure",
	  cmd_repeat },
	{ "shl", "COMMAND [ARG...]", "the toolstack: create, list, destroy... (shl help)",
	  cmd_shl },
	{ "sleep", "SECONDS", "sleep (blocking the vCPU); decimals allowed", cmd_sleep },
	{ "stress-create", "N CONFIG [-p]", "create and destroy a domain N times; check memory",
	  cmd_stress_create },
	{ "bench-domains", "CONFIG N...", "time create, list and destroy with N domains running",
	  cmd_bench_domains },
	{ "bench-density", "CONFIG", "how many domains of CONFIG fit in free memory",
	  cmd_bench_density },
	{ "bench-create", "CONFIG N", "time create to running to destroyed, N times",
	  cmd_bench_create },
	{ "bench-sched", "CONFIG SECONDS", "measure a 30% cap and a 256:512 weight split",
	  cmd_bench_sched },
	{ "thread-test", "[N]", "N threads sleep and signal a wait queue (default 4)",
	  cmd_thread_test },
	{ "threads", "", "list threads; scheduler and event counts", cmd_threads },
	{ "uptime", "", "system time and the wallclock date (UTC)", cmd_uptime },
	{ "version", "", "show the hypervisor's ABI version and features", cmd_version },
};

const size_t shell_nr_cmds = ARRAY_SIZE(shell_cmds);
