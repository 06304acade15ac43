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
	{ "fault", "KIND", "raise an exception: pf-read pf-write pt-write ud gp int3",
	  cmd_fault },
	{ "help", "[COMMAND]", "list the commands, or describe one", cmd_help },
	{ "ls", "[DIR]", "list the initrd (under DIR) with sizes", cmd_ls },
	{ "malloc-test", "[N]", "allocate, check and free N blocks (default 1000)",
	  cmd_malloc_test },
	{ "map-test", "", "map a page at more addresses via map_frame; check refusals",
	  cmd_map_test },
	{ "meminfo", "", "pages, page tables, malloc and trap counts", cmd_meminfo },
	{ "poweroff", "", "stop dom0 and the machine", cmd_poweroff },
	{ "reboot", "", "restart the machine", cmd_reboot },
	{ "version", "", "show the hypervisor's ABI version and features", cmd_version },
};

const size_t shell_nr_cmds = ARRAY_SIZE(shell_cmds);
