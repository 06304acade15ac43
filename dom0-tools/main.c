/* SPDX-License-Identifier: MIT */
/*
 * dom0's application: banner, initrd, /etc/rc, then the interactive shell.
 * Booted as an unprivileged domain (a boot module with domain=), it has no
 * console input: it ticks a few times and powers off instead.
 */
#include <console.h>
#include <hypercall.h>
#include <kernel.h>
#include <sched.h>
#include <time.h>
#include "initrd.h"
#include "store/service.h"
#include "toolstack/store_domain.h"
#include "shell/readline.h"
#include "shell/shell.h"

#define PROMPT	"dom0# "

#define GUEST_TICKS	5
#define GUEST_TICK_MS	500

static void print_banner(void)
{
	struct shale_version_extra extra = { .extra = "" };
	long ver = HYPERVISOR_version(SHALE_VERSION_version, NULL);

	if (ver < 0) {
		printf("Shale dom0 (hypervisor version unknown: error %ld)\n", ver);
		return;
	}
	if (HYPERVISOR_version(SHALE_VERSION_extraversion, &extra) < 0)
		extra.extra[0] = '\0';
	extra.extra[sizeof(extra.extra) - 1] = '\0';
	printf("Shale dom0, hypervisor ABI %ld.%ld%s\n", ver >> 16, ver & 0xffff, extra.extra);
	/* A different major version may lay out structures differently: say so loudly. */
	if (ver >> 16 != SHALE_ABI_MAJOR)
		printf("dom0: warning: built for ABI %d.%d\n", SHALE_ABI_MAJOR, SHALE_ABI_MINOR);
}

static void find_initrd(const struct shale_start_info *si)
{
	if (initrd_init(si) < 0) {
		printf("dom0: no initrd\n");
		return;
	}
	printf("dom0: initrd at %#llx, %zu bytes\n", (unsigned long long)si->mod_start,
	       initrd_size());
}

/* The store runs before /etc/rc, so the domains it creates can use it. */
static void start_store(void)
{
	int rc = store_service_start();

	if (!rc)
		rc = ts_store_dom0();
	if (rc)
		printf("dom0: the store is not available (error %d): domains get no store\n", rc);
}

/* /etc/rc is optional; a failing line is reported and the rest still runs. */
static void run_rc(void)
{
	struct ustar_file rc;
	int err, failed;

	if (!initrd_present())
		return;
	err = initrd_find("/etc/rc", &rc);
	if (err == -SHALE_ENOENT) {
		printf("dom0: no /etc/rc\n");
		return;
	}
	if (err < 0) {
		printf("dom0: cannot read /etc/rc: the initrd is corrupt (error %d)\n", err);
		return;
	}
	failed = shell_run_script("/etc/rc", rc.data, rc.size);
	if (failed)
		printf("dom0: /etc/rc: %d line(s) failed\n", failed);
}

/* Prompt, read, run, forever; returns only if the console cannot be read. */
static int interact(void)
{
	char line[SHELL_LINE_MAX];

	for (;;) {
		int rc;

		console_puts(PROMPT);
		rc = shell_readline(line, sizeof(line));
		if (rc == -SHALE_E2BIG) {
			printf("shell: line too long (max %d characters)\n", SHELL_LINE_MAX - 1);
			continue;
		}
		if (rc < 0) {
			printf("dom0: cannot read the console (error %d)\n", rc);
			return 1;
		}
		shell_run_line(line);
	}
}

/* A domU has no console input and no shell: show that threads and timers run, then stop. */
static int run_as_guest(const struct shale_start_info *si)
{
	int c = console_getc_blocking();
	char up[32];

	printf("domain %u: unprivileged, so no shell (console input: error %d)\n", si->domid, c);
	for (int i = 1; i <= GUEST_TICKS; i++) {
		msleep(GUEST_TICK_MS);
		format_duration(up, sizeof(up), monotonic_ns());
		printf("domain %u: tick %d of %d at %s s\n", si->domid, i, GUEST_TICKS, up);
	}
	printf("domain %u: done\n", si->domid);
	return 0;
}

int app_main(const struct shale_start_info *si)
{
	if (!(si->flags & SHALE_SIF_PRIVILEGED))
		return run_as_guest(si);
	print_banner();
	find_initrd(si);
	start_store();
	run_rc();
	return interact();
}
