/* SPDX-License-Identifier: MIT */
/* shl's command table, in the order `shl help` lists it (xl's, where xl has the command). */
#include <stddef.h>
#include "shl.h"

const struct shl_cmd shl_cmds[] = {
	{ "create", "[-p] [-c] CONFIG", "create a domain from a config file",
	  "  -p  leave the domain paused after creating it\n"
	  "  -c  attach to the new domain's console at once (as shl console)\n"
	  "CONFIG without a '/' is looked for in /etc/shale (NAME, then NAME.cfg).\n",
	  shl_create },
	{ "list", "[DOM...]", "list domains (all, or those named)", NULL, shl_list },
	{ "destroy", "DOM", "stop a domain at once and free its resources", NULL, shl_destroy },
	{ "shutdown", "[-w] DOM", "ask a domain to power off; its on_poweroff policy applies",
	  "  -w  wait until the policy has acted (the domain is gone or preserved)\n",
	  shl_shutdown },
	{ "reboot", "[-w] DOM", "ask a domain to reboot; its on_reboot policy applies",
	  "  -w  wait until the policy has acted\n", shl_reboot },
	{ "pause", "DOM", "stop scheduling a domain", NULL, shl_pause },
	{ "unpause", "DOM", "schedule a paused domain again", NULL, shl_unpause },
	{ "console", "DOM", "attach this terminal to a domain's console",
	  "Prints what the domain wrote so far, then its output as it comes, and\n"
	  "passes typed keys to it. Ctrl-] detaches and returns to the shell.\n",
	  shl_console },
	{ "info", "", "show the host and hypervisor", NULL, shl_info },
	{ "dmesg", "", "show the hypervisor's log", NULL, shl_dmesg },
	{ "sched-credit", "[-d DOM [-w WEIGHT] [-c CAP]]",
	  "show or set domains' scheduler weight and cap",
	  "  -d DOM     the domain (default: list every domain)\n"
	  "  -w WEIGHT  its weight, 1-65535 (a domain with twice the weight gets\n"
	  "             twice the CPU when both are busy)\n"
	  "  -c CAP     its cap, in percent of one CPU (0: no cap)\n", shl_sched_credit },
	{ "mem-max", "DOM MEM", "set the most memory a domain may have",
	  "MEM is a number with an optional unit: b, k, m (the default), g or t.\n",
	  shl_mem_max },
	{ "xenstore-ls", "[PATH]", "list the store's tree below PATH (default /)", NULL,
	  shl_xenstore_ls },
	{ "xenstore-read", "PATH...", "print the values at the paths", NULL, shl_xenstore_read },
	{ "xenstore-write", "PATH VALUE...", "write values at the paths (pairs)", NULL,
	  shl_xenstore_write },
	{ "xenstore-rm", "PATH...", "remove the nodes and everything below them", NULL,
	  shl_xenstore_rm },
	{ "xenstore-watch", "[-n COUNT] [-t SECONDS] PATH",
	  "print each change of PATH or below it (PATH and token)",
	  "  -n COUNT    stop after COUNT events (the first comes at once)\n"
	  "  -t SECONDS  stop after SECONDS\n"
	  "Otherwise it runs until a key is pressed.\n", shl_xenstore_watch },
	{ "help", "[COMMAND]", "list the commands, or describe one", NULL, shl_help },
};

const unsigned int shl_nr_cmds = ARRAY_SIZE(shl_cmds);
