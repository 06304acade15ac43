/* SPDX-License-Identifier: MIT */
/* shl console: dom0's terminal on a guest's console (backends/console.h does the work). */
#include <console.h>
#include <public/errno.h>
#include "backends/console.h"
#include "shl.h"
#include "toolstack/domctl.h"
#include "toolstack/errname.h"

int shl_attach_console(uint16_t domid)
{
	ts_dominfo_t info;
	int rc;

	if (ts_domain_info(domid, &info))
		info.name[0] = '\0';
	printf("shl: console: attached to %s (d%u); Ctrl-] detaches\n", info.name, domid);
	rc = console_backend_attach(domid);
	switch (rc) {
	case 0:
		printf("\nshl: console: detached from d%u\n", domid);
		return 0;
	case -SHALE_ESRCH:
		/* It went away while attached (or had no console to begin with). */
		printf("\n");
		return shl_error("console: d%u has no console (any more)", domid);
	case -SHALE_EBUSY:
		return shl_error("console: d%u: another console session is attached", domid);
	case -SHALE_EIO:
		printf("\n");
		return shl_error("console: d%u: its console ring is broken", domid);
	default:
		return shl_error("console: d%u: %s", domid, ts_errname(rc));
	}
}

int shl_console(int argc, char **argv)
{
	uint16_t domid;

	if (argc != 2)
		return shl_usage("console");
	if (!shl_domain_arg(argv[1], &domid))
		return 1;
	if (domid == 0)
		return shl_error("console: Domain-0's console is this one");
	return shl_attach_console(domid);
}
