/* SPDX-License-Identifier: MIT */
/* shl list, info and dmesg: what runs, on what, and what the hypervisor said. */
#include <console.h>
#include <hypercall.h>
#include <malloc.h>
#include <public/sched.h>
#include <string.h>
#include "shl.h"
#include "toolstack/domctl.h"
#include "toolstack/errname.h"

#define DMESG_MAX	65536	/* the hypervisor keeps 64 KiB of log */

/* xl's shutdown reason letters, indexed by SHALE_SHUTDOWN_*. */
static const char reason_letters[] = "-rscw";

static void print_list_header(void)
{
	printf("Name                                        ID   Mem VCPUs\tState\tTime(s)\n");
}

/* CPU seconds with one decimal, as xl's %8.1f (dom0 has no floating point). */
static void format_seconds(char *buf, size_t size, uint64_t ns)
{
	uint64_t tenths = (ns + 50000000) / 100000000;

	snprintf(buf, size, "%llu.%llu", (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10));
}

static void print_list_row(const ts_dominfo_t *i)
{
	bool shut = i->flags & SHALE_DOMINF_shutdown;
	uint32_t reason = shut ? i->shutdown_reason : 0;
	char secs[24];

	format_seconds(secs, sizeof(secs), i->cpu_time_ns);
	printf("%-40s %5u %5llu %5u     %c%c%c%c%c%c  %8s\n",
	       i->domain == 0 ? "Domain-0" : i->name, i->domain,
	       (unsigned long long)(i->tot_pages >> (20 - SHALE_PAGE_SHIFT)),
	       i->nr_online_vcpus,
	       (i->flags & SHALE_DOMINF_running) ? 'r' : '-',
	       (i->flags & SHALE_DOMINF_blocked) ? 'b' : '-',
	       (i->flags & SHALE_DOMINF_paused) ? 'p' : '-',
	       shut ? 's' : '-',
	       reason < sizeof(reason_letters) - 1 ? reason_letters[reason] : '?',
	       (i->flags & SHALE_DOMINF_dying) ? 'd' : '-',
	       secs);
}

int shl_list(int argc, char **argv)
{
	ts_dominfo_t info;
	uint32_t id = 0;
	int rc;

	if (argc > 1 && argv[1][0] == '-')
		return shl_usage("list");
	for (int i = 1; i < argc; i++) {
		uint16_t domid;

		if (!shl_domain_arg(argv[i], &domid))
			return 1;
	}
	print_list_header();
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			uint16_t domid;

			if (shl_domain_arg(argv[i], &domid) && ts_domain_info(domid, &info) == 0)
				print_list_row(&info);
		}
		return 0;
	}
	while (id < SHALE_DOMID_FIRST_RESERVED && (rc = ts_domain_info_next(id, &info)) == 0) {
		print_list_row(&info);
		id = info.domain + 1u;
	}
	return 0;
}

static void version_facts(long *major, long *minor, char *extra, size_t size)
{
	struct shale_version_extra e = { .extra = "" };
	long v = HYPERVISOR_version(SHALE_VERSION_version, NULL);

	*major = v < 0 ? 0 : v >> 16;
	*minor = v < 0 ? 0 : v & 0xffff;
	if (HYPERVISOR_version(SHALE_VERSION_extraversion, &e) < 0)
		e.extra[0] = '\0';
	e.extra[sizeof(e.extra) - 1] = '\0';
	strlcpy(extra, e.extra, size);
}

/* The hypervisor's command line (version commandline, dom0 only). */
static bool get_commandline(struct shale_version_commandline *cl)
{
	if (HYPERVISOR_version(SHALE_VERSION_commandline, cl))
		return false;
	cl->line[sizeof(cl->line) - 1] = '\0';
	return true;
}

#define KEY	"%-23s: "

int shl_info(int argc, char **argv)
{
	struct shale_domctl_physinfo p;
	static struct shale_version_commandline cmdline;
	char extra[16];
	long major, minor;
	int rc;

	if (argc != 1)
		return shl_usage("info");
	rc = ts_physinfo(&p);
	if (rc)
		return shl_error("info: physinfo: %s", ts_errname(rc));
	version_facts(&major, &minor, extra, sizeof(extra));
	printf(KEY "%s\n", "host", "dom0");
	printf(KEY "%ld.%ld%s\n", "release", major, minor, extra);
	printf(KEY "%s\n", "version", "Shale guest kernel (dom0)");
	printf(KEY "%s\n", "machine", "x86_64");
	printf(KEY "%u\n", "nr_cpus", p.nr_cpus);
	printf(KEY "%u\n", "max_cpu_id", p.nr_cpus ? p.nr_cpus - 1 : 0);
	printf(KEY "%u\n", "nr_nodes", 1);
	printf(KEY "%u\n", "cores_per_socket", p.nr_cpus);
	printf(KEY "%u\n", "threads_per_core", 1);
	printf(KEY "%u.%03u\n", "cpu_mhz", p.cpu_khz / 1000, p.cpu_khz % 1000);
	printf(KEY "%llu\n", "total_memory", (unsigned long long)(p.total_pages >> 8));
	printf(KEY "%llu\n", "free_memory", (unsigned long long)(p.free_pages >> 8));
	printf(KEY "%ld\n", "xen_major", major);
	printf(KEY "%ld\n", "xen_minor", minor);
	printf(KEY "%s\n", "xen_extra", extra);
	printf(KEY "%ld.%ld%s\n", "xen_version", major, minor, extra);
	printf(KEY "shale-%ld.%ld-x86_64\n", "xen_caps", major, minor);
	printf(KEY "%s\n", "xen_scheduler", "credit");
	printf(KEY "%d\n", "xen_pagesize", SHALE_PAGE_SIZE);
	if (get_commandline(&cmdline))
		printf(KEY "%s\n", "xen_commandline", cmdline.line);
	return 0;
}

int shl_dmesg(int argc, char **argv)
{
	char *log;
	size_t len = 0;
	int rc;

	if (argc != 1)
		return shl_usage("dmesg");
	log = malloc(DMESG_MAX);
	if (!log)
		return shl_error("dmesg: out of memory in dom0");
	rc = ts_read_console(log, DMESG_MAX, &len);
	if (rc) {
		free(log);
		return shl_error("dmesg: readconsole: %s", ts_errname(rc));
	}
	console_write(log, len);
	if (len && log[len - 1] != '\n')
		console_puts("\n");
	free(log);
	return 0;
}
