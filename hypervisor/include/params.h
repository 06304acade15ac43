/* SPDX-License-Identifier: MIT */
/* Hypervisor command-line options and their values after parsing. */
#ifndef SHALE_HV_PARAMS_H
#define SHALE_HV_PARAMS_H

#include "types.h"

extern uint64_t opt_dom0_mem;		/* bytes; dom0_mem= */
extern bool opt_crash_selftest;		/* crash_selftest: fault on purpose after boot */
extern bool opt_scrub_idle;		/* scrub=idle (default): zero freed frames while idle */

/* Parses the command line, applies console= and loglvl=, reports problems. */
void params_parse(const char *cmdline);

#endif /* SHALE_HV_PARAMS_H */
