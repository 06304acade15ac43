/* SPDX-License-Identifier: MIT */
/*
 * Built-ins about the shell and the domain: help, echo, version, poweroff,
 * reboot, and the kernel's time and threads: uptime, sleep, threads.
 */
#include <console.h>
#include <ctype.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <mm.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include "builtins.h"
#include "shell.h"

#define HELP_COLUMN	24	/* where the help text starts */

static void help_line(const struct shell_cmd *cmd)
{
	char synopsis[64];

	snprintf(synopsis, sizeof(synopsis), "%s %s", cmd->name, cmd->usage);
	printf("  %-*s %s\n", HELP_COLUMN - 3, synopsis, cmd->help);
}

int cmd_help(int argc, char **argv)
{
	const struct shell_cmd *cmd;
	size_t i;

	if (argc > 2)
		return shell_usage(shell_find("help"));
	if (argc == 2) {
		cmd = shell_find(argv[1]);
		if (!cmd) {
			printf("help: %s: no such command\n", argv[1]);
			return 1;
		}
		printf("usage: %s %s\n  %s\n", cmd->name, cmd->usage, cmd->help);
		return 0;
	}
	printf("Commands:\n");
	for (i = 0; i < shell_nr_cmds; i++)
		help_line(&shell_cmds[i]);
	return 0;
}

int cmd_echo(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		printf("%s%s", i > 1 ? " " : "", argv[i]);
	printf("\n");
	return 0;
}

/* Names of the feature bits of submap 0, by bit number. */
static const char *const feature_names[] = {
	"console_read",
	"sched_block",
};

static void print_features(uint32_t map)
{
	size_t bit;

	printf("features: %#010x", map);
	for (bit = 0; bit < 32; bit++) {
		if (!(map & (1u << bit)))
			continue;
		if (bit < ARRAY_SIZE(feature_names))
			printf(" %s", feature_names[bit]);
		else
			printf(" bit%zu", bit);
	}
	printf("\n");
}

int cmd_version(int argc, char **argv)
{
	struct shale_version_extra extra = { .extra = "" };
	struct shale_version_features feat = { .submap_idx = 0 };
	long ver, rc;

	if (argc != 1)
		return shell_usage(shell_find("version"));
	ver = HYPERVISOR_version(SHALE_VERSION_version, NULL);
	if (ver < 0) {
		printf("version: version hypercall failed (error %ld)\n", ver);
		return 1;
	}
	rc = HYPERVISOR_version(SHALE_VERSION_extraversion, &extra);
	extra.extra[sizeof(extra.extra) - 1] = '\0';
	printf("Shale ABI %ld.%ld, extraversion \"%s\"\n", ver >> 16, ver & 0xffff,
	       rc == 0 ? extra.extra : "?");
	rc = HYPERVISOR_version(SHALE_VERSION_get_features, &feat);
	if (rc < 0) {
		printf("version: get_features failed (error %ld)\n", rc);
		return 1;
	}
	print_features(feat.submap);
	return 0;
}

int cmd_poweroff(int argc, char **argv)
{
	printf("dom0: powering off\n");
	guest_poweroff();
}

int cmd_reboot(int argc, char **argv)
{
	printf("dom0: rebooting\n");
	guest_reboot();
}

int cmd_uptime(int argc, char **argv)
{
	char up[32], date[32];
	uint64_t sys, wall;

	if (argc != 1)
		return shell_usage(shell_find("uptime"));
	sys = monotonic_ns();
	wall = wallclock_ns();
	format_duration(up, sizeof(up), sys);
	format_time(date, sizeof(date), wall);
	printf("uptime: up %s s, system time %llu ns, %s UTC\n", up, (unsigned long long)sys,
	       date);
	return 0;
}

#define SLEEP_MAX_SECONDS	3600

/* "2", "0.5", "1.25": seconds with up to 3 decimals, as milliseconds. */
static int parse_seconds(const char *s, uint64_t *ms)
{
	uint64_t whole, frac = 0, scale = 100;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	whole = strtoul(s, &end, 10);
	if (*end == '.') {
		for (end++; isdigit((unsigned char)*end) && scale; end++, scale /= 10)
			frac += (uint64_t)(*end - '0') * scale;
		if (isdigit((unsigned char)*end))
			return -1;
	}
	if (*end || whole > SLEEP_MAX_SECONDS)
		return -1;
	*ms = whole * 1000 + frac;
	return 0;
}

/* This domain's CPU time so far, from getdomaininfo; 0 when it is not dom0 (domctl refused). */
static uint64_t own_cpu_time_ns(void)
{
	struct shale_domctl op = {
		.cmd = SHALE_DOMCTL_getdomaininfo, .domain = start_info->domid,
	};

	if (HYPERVISOR_domctl(&op) < 0 || op.u.getdomaininfo.domain != start_info->domid)
		return 0;
	return op.u.getdomaininfo.cpu_time_ns;
}

int cmd_sleep(int argc, char **argv)
{
	struct sched_stats s0, s1;
	struct time_stats t0, t1;
	uint64_t ms, start, slept, cpu0, cpu;
	char took[32], cpu_text[32];

	if (argc != 2)
		return shell_usage(shell_find("sleep"));
	if (parse_seconds(argv[1], &ms)) {
		printf("sleep: SECONDS must be a number from 0 to %d (up to 3 decimals)\n",
		       SLEEP_MAX_SECONDS);
		return SHELL_STATUS_SYNTAX;
	}
	sched_get_stats(&s0);
	time_get_stats(&t0);
	cpu0 = own_cpu_time_ns();
	start = monotonic_ns();
	msleep(ms);
	slept = monotonic_ns() - start;
	cpu = own_cpu_time_ns() - cpu0;
	sched_get_stats(&s1);
	time_get_stats(&t1);
	format_duration(took, sizeof(took), slept);
	format_duration(cpu_text, sizeof(cpu_text), cpu);
	printf("sleep: slept %s s; vCPU blocked %lu time(s), %lu timer event(s); "
	       "CPU time used %s s\n", took, s1.idle_wakeups - s0.idle_wakeups,
	       t1.timer_events - t0.timer_events, cpu_text);
	return 0;
}

#define THREADS_MAX	32

static void print_thread(const struct thread_info *t, uint64_t now)
{
	char state[40], stack[16];

	if (!strcmp(t->state, "sleeping")) {
		char left[32];

		format_duration(left, sizeof(left), t->wakeup_ns > now ? t->wakeup_ns - now : 0);
		snprintf(state, sizeof(state), "sleeping (%s s left)", left);
	} else {
		strlcpy(state, t->state, sizeof(state));
	}
	if (t->stack_pages)
		snprintf(stack, sizeof(stack), "%lu KiB", t->stack_pages * (PAGE_SIZE / 1024));
	else
		strlcpy(stack, "boot", sizeof(stack));
	printf("  %3u  %-15s %-26s %9lu  %s\n", t->id, t->name, state, t->switches, stack);
}

static void print_event_stats(void)
{
	struct events_stats ev;
	struct time_stats ts;
	unsigned long console_events;
	long console_port;

	events_get_stats(&ev);
	time_get_stats(&ts);
	console_input_stats(&console_port, &console_events);
	printf("events: %lu upcalls, %lu events (%lu with no handler); VIRQ_TIMER port %ld: "
	       "%lu; VIRQ_CONSOLE port %ld: %lu\n", ev.upcalls, ev.events, ev.unhandled,
	       ts.timer_port, ts.timer_events, console_port, console_events);
}

int cmd_threads(int argc, char **argv)
{
	static struct thread_info list[THREADS_MAX];
	struct sched_stats st;
	uint64_t now = monotonic_ns();
	int n, i;

	if (argc != 1)
		return shell_usage(shell_find("threads"));
	n = thread_list(list, THREADS_MAX);
	sched_get_stats(&st);
	printf("threads: %lu alive, %lu created since boot, %lu switches; the idle loop "
	       "blocked the vCPU %lu time(s)\n", st.threads, st.created, st.switches,
	       st.idle_wakeups);
	printf("  %3s  %-15s %-26s %9s  %s\n", "ID", "NAME", "STATE", "SWITCHES", "STACK");
	for (i = 0; i < n && i < THREADS_MAX; i++)
		print_thread(&list[i], now);
	if (n > THREADS_MAX)
		printf("  ... and %d more\n", n - THREADS_MAX);
	print_event_stats();
	return 0;
}
