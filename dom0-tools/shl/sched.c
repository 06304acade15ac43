/* SPDX-License-Identifier: MIT */
/* shl sched-credit: the scheduler's weight and cap per domain, shown as xl shows them. */
#include <console.h>
#include <string.h>
#include "shl.h"
#include "toolstack/domctl.h"
#include "toolstack/errname.h"

#define TSLICE_MS	10	/* the hypervisor's slice (docs/SCHEDULER.md) */

static int print_row(uint16_t domid)
{
	ts_dominfo_t info;
	uint32_t weight, cap;
	int rc = ts_domain_info(domid, &info);

	if (!rc)
		rc = ts_sched_get(domid, &weight, &cap);
	if (domid == 0 && rc == -SHALE_EINVAL) {
		/* sched_get refuses the caller itself; getdomaininfo has the same numbers. */
		weight = info.weight;
		cap = info.cap;
		rc = 0;
	}
	if (rc)
		return shl_error("sched-credit: d%u: %s", domid, ts_errname(rc));
	printf("%-33s %4u %6u %4u\n", domid == 0 ? "Domain-0" : info.name, domid, weight, cap);
	return 0;
}

static void print_header(void)
{
	printf("Cpupool Pool-0: tslice=%dms ratelimit=0us migration-delay=0us\n", TSLICE_MS);
	printf("%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap");
}

static int list_all(void)
{
	ts_dominfo_t info;
	uint32_t id = 0;

	print_header();
	while (id < SHALE_DOMID_FIRST_RESERVED && ts_domain_info_next(id, &info) == 0) {
		printf("%-33s %4u %6u %4u\n", info.domain == 0 ? "Domain-0" : info.name,
		       info.domain, info.weight, info.cap);
		id = info.domain + 1u;
	}
	return 0;
}

/* A decimal number within [lo, hi], or false with a message. */
static bool number_arg(const char *what, const char *s, unsigned long lo, unsigned long hi,
		       uint32_t *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || strlen(s) > 6 || v < lo || v > hi) {
		shl_error("sched-credit: %s must be a number from %lu to %lu, not '%s'", what, lo,
			  hi, s);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

int shl_sched_credit(int argc, char **argv)
{
	const char *dom = NULL, *w = NULL, *c = NULL;
	uint32_t weight, cap;
	int optind = 1, opt, rc;
	uint16_t domid;
	char *optarg;

	while ((opt = shl_getopt(argc, argv, "d:w:c:", &optind, &optarg)) != -1) {
		if (opt == 'd')
			dom = optarg;
		else if (opt == 'w')
			w = optarg;
		else if (opt == 'c')
			c = optarg;
		else
			return shl_usage("sched-credit");
	}
	if (optind != argc || ((w || c) && !dom))
		return shl_usage("sched-credit");
	if (!dom)
		return list_all();
	if (!shl_domain_arg(dom, &domid))
		return 1;
	if (!w && !c) {
		print_header();
		return print_row(domid);
	}
	if (domid == 0)
		return shl_error("sched-credit: Domain-0's parameters are fixed in Shale");
	rc = ts_sched_get(domid, &weight, &cap);
	if (rc)
		return shl_error("sched-credit: d%u: %s", domid, ts_errname(rc));
	if (w && !number_arg("the weight", w, 1, 65535, &weight))
		return 1;
	if (c && !number_arg("the cap", c, 0, 100, &cap))
		return 1;
	rc = ts_sched_set(domid, weight, cap);
	if (rc)
		return shl_error("sched-credit: d%u: %s", domid, ts_errname(rc));
	return 0;
}
