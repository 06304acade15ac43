/* SPDX-License-Identifier: MIT */
/* shl mem-max: the most memory a domain may own (it may balloon up to this). */
#include <console.h>
#include <ctype.h>
#include <string.h>
#include "shl.h"
#include "toolstack/domctl.h"
#include "toolstack/errname.h"

/* xl's sizes: a number and one optional unit letter, b k m g t; no unit means MiB. */
static bool parse_size_kib(const char *s, uint64_t *kib)
{
	char *end;
	unsigned long v;
	unsigned int shift;

	if (!isdigit(*s))
		return false;
	v = strtoul(s, &end, 10);
	if (end - s > 12 || strlen(end) > 1)
		return false;
	switch (tolower(*end)) {
	case 't':
		shift = 30;
		break;
	case 'g':
		shift = 20;
		break;
	case '\0':
	case 'm':
		shift = 10;
		break;
	case 'k':
		shift = 0;
		break;
	case 'b':
		*kib = v >> 10;
		return true;
	default:
		return false;
	}
	if (v > (~0ULL >> (shift + 12)))
		return false;
	*kib = (uint64_t)v << shift;
	return true;
}

int shl_mem_max(int argc, char **argv)
{
	ts_dominfo_t info;
	uint64_t kib;
	uint16_t domid;
	int rc;

	if (argc != 3)
		return shl_usage("mem-max");
	if (!parse_size_kib(argv[2], &kib))
		return shl_error("mem-max: invalid memory size: %s", argv[2]);
	if (!shl_domain_arg(argv[1], &domid))
		return 1;
	if (domid == 0)
		return shl_error("mem-max: Domain-0 may use all free memory; its maximum is fixed");
	rc = ts_domain_info(domid, &info);
	if (rc)
		return shl_error("mem-max: d%u: %s", domid, ts_errname(rc));
	/* As libxl: the maximum may not go below what the domain has now. */
	if (kib >> 2 < info.tot_pages)
		return shl_error("mem-max: %s (%llu KiB) is below the %llu KiB d%u has now",
				 argv[2], (unsigned long long)kib,
				 (unsigned long long)info.tot_pages << 2, domid);
	rc = ts_domain_max_mem(domid, kib >> 2);
	if (rc)
		return shl_error("mem-max: d%u: %s", domid, ts_errname(rc));
	return 0;
}
