/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's command-line options. Unknown options and bad values
 * are reported, never silently ignored.
 *
 *   console=com1|com2|none   where hypervisor and dom0 output goes
 *   loglvl=error|warning|info|debug   the most verbose level printed
 *   dom0_mem=SIZE            dom0's memory (suffix K, M, G; default 128M)
 *   crash_selftest           fault in the hypervisor after boot, to test
 *                            the panic path
 *   scrub=idle|alloc         when freed frames are zeroed: while the CPU is
 *                            idle (default), or only when handed out again
 */
#include <string.h>
#include "cmdline.h"
#include "console.h"
#include "params.h"
#include "printk.h"

uint64_t opt_dom0_mem = 128ULL << 20;
bool opt_crash_selftest;
bool opt_scrub_idle = true;
static char opt_console[16] = "com1";
static char opt_scrub[16] = "idle";
static char opt_loglvl[16] = "info";

static const struct cmdline_option options[] = {
	{ "console", CMDLINE_STRING, opt_console, sizeof(opt_console) },
	{ "loglvl", CMDLINE_STRING, opt_loglvl, sizeof(opt_loglvl) },
	{ "dom0_mem", CMDLINE_SIZE, &opt_dom0_mem, 0 },
	{ "crash_selftest", CMDLINE_BOOL, &opt_crash_selftest, 0 },
	{ "scrub", CMDLINE_STRING, opt_scrub, sizeof(opt_scrub) },
};

static void report(void *ctx, const char *option, size_t len, const char *problem)
{
	pr_warn("cmdline: '%.*s': %s\n", (int)len, option, problem);
}

void params_parse(const char *cmdline)
{
	enum log_level lvl;

	cmdline_parse(cmdline, options, ARRAY_SIZE(options), report, NULL);
	if (console_select(opt_console))
		pr_warn("cmdline: 'console=%s': unknown console (com1, com2, none)\n",
			opt_console);
	if (loglvl_parse(opt_loglvl, &lvl))
		pr_warn("cmdline: 'loglvl=%s': unknown level (error, warning, info, debug)\n",
			opt_loglvl);
	else
		console_loglvl = lvl;
	if (!strcmp(opt_scrub, "alloc"))
		opt_scrub_idle = false;
	else if (strcmp(opt_scrub, "idle"))
		pr_warn("cmdline: 'scrub=%s': unknown mode (idle, alloc)\n", opt_scrub);
}
