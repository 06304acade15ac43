/* SPDX-License-Identifier: MIT */
/* start_kernel(): bring the guest kernel up, run the application, stop the domain. */
#include <console.h>
#include <events.h>
#include <hypercall.h>
#include <kernel.h>
#include <malloc.h>
#include <mm.h>
#include <printf.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <traps.h>
#include <xenbus.h>

const struct shale_start_info *start_info;
struct shale_shared_info *shared_info;

/* Our copy: the builder's page sits in the bootstrap area, which is the kernel's to reuse. */
static struct shale_start_info start_info_copy;

static __noreturn void shutdown(unsigned int reason)
{
	struct shale_sched_shutdown arg = { .reason = reason };

	HYPERVISOR_sched_op(SHALE_SCHEDOP_shutdown, &arg);
	/*
	 * Only a broken hypervisor gets here. An undefined instruction with no
	 * trap handler registered makes it crash the domain; loop in case not.
	 */
	printk("guest: shutdown(%u) returned; forcing a fault\n", reason);
	for (;;)
		asm volatile("ud2");
}

void guest_poweroff(void)
{
	console_flush();
	shutdown(SHALE_SHUTDOWN_poweroff);
}

void guest_reboot(void)
{
	console_flush();
	shutdown(SHALE_SHUTDOWN_reboot);
}

void guest_crash(const char *why)
{
	console_panic();
	printk("guest crash: %s\n", why);
	shutdown(SHALE_SHUTDOWN_crash);
}

/* Copies si and makes sure the strings in the copy are terminated. */
static void keep_start_info(const struct shale_start_info *si)
{
	memcpy(&start_info_copy, si, sizeof(start_info_copy));
	start_info_copy.cmd_line[SHALE_CMDLINE_SIZE - 1] = '\0';
	start_info = &start_info_copy;
}

bool cmdline_has(const char *word)
{
	const char *p = start_info->cmd_line;
	size_t len = strlen(word);

	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p) == len && !strncmp(p, word, len))
			return true;
		p = end;
	}
	return false;
}

/* A wrong magic means a builder speaking another ABI: nothing else in si can be trusted. */
static void check_magic(const struct shale_start_info *si)
{
	const char *prefix = SHALE_START_INFO_MAGIC_PREFIX;

	if (memcmp(si->magic, prefix, strlen(prefix)) == 0)
		return;
	printk("guest: bad start_info magic \"%.*s\" (expected \"%s...\")\n",
	       SHALE_START_INFO_MAGIC_SIZE, si->magic, prefix);
	guest_crash("bad start_info magic");
}

static void print_domain(const struct shale_start_info *si)
{
	printk("  domain:      %u, flags %#x%s%s\n", si->domid, si->flags,
	       si->flags & SHALE_SIF_PRIVILEGED ? " privileged" : "",
	       si->flags & SHALE_SIF_INITDOMAIN ? " initdomain" : "");
}

static void print_memory(const struct shale_start_info *si)
{
	printk("  memory:      %llu pages (%llu MiB), virt_base %#llx\n",
	       (unsigned long long)si->nr_pages,
	       (unsigned long long)si->nr_pages >> (20 - SHALE_PAGE_SHIFT),
	       (unsigned long long)si->virt_base);
	printk("  page tables: pt_base %#llx, %llu frames\n",
	       (unsigned long long)si->pt_base, (unsigned long long)si->nr_pt_frames);
	printk("  p2m list:    %#llx\n", (unsigned long long)si->mfn_list);
	if (si->mod_start)
		printk("  initrd:      %#llx, %llu bytes\n",
		       (unsigned long long)si->mod_start, (unsigned long long)si->mod_len);
	else
		printk("  initrd:      none\n");
	printk("  first free:  pfn %#llx\n", (unsigned long long)si->first_free_pfn);
	printk("  shared_info: %#llx\n", (unsigned long long)si->shared_info_va);
	if (si->console_mfn || si->store_mfn)
		printk("  rings:       console mfn %#llx port %u, store mfn %#llx port %u\n",
		       (unsigned long long)si->console_mfn, si->console_evtchn,
		       (unsigned long long)si->store_mfn, si->store_evtchn);
}

static void print_start_info(const struct shale_start_info *si)
{
	printk("Shale guest kernel: start_info \"%.*s\"\n",
	       SHALE_START_INFO_MAGIC_SIZE, si->magic);
	print_domain(si);
	print_memory(si);
	printk("  cmdline:     \"%s\"\n", si->cmd_line);
}

/* Returning 0 from the application powers off; anything else is a failure worth a crash. */
static __noreturn void finish(int rc)
{
	if (rc == 0)
		guest_poweroff();
	printk("guest: app_main returned %d\n", rc);
	guest_crash("application failed");
}

/* The "main" thread: the application, then the end of the domain. */
uint64_t kernel_entry_ns;

static void run_app(void *arg)
{
	finish(app_main(arg));
}

/* A domain given a store ring talks to the store; dom0 serves it instead. */
static void start_xenbus(void)
{
	int rc;

	/* "noxenbus": the application drives the store ring itself (tests). */
	if (!start_info->store_mfn || cmdline_has("noxenbus"))
		return;
	rc = xenbus_init();
	if (rc)
		printk("guest: no store access: error %d\n", rc);
}

void start_kernel(struct shale_start_info *si)
{
	keep_start_info(si);
	check_magic(start_info);
	shared_info = (struct shale_shared_info *)(uintptr_t)start_info->shared_info_va;
	kernel_entry_ns = monotonic_ns();
	console_init();
	/* "quiet": no start-of-day summary (hundreds of benchmark domains). */
	if (!cmdline_has("quiet"))
		print_start_info(start_info);
	trap_init();
	mm_init();
	malloc_init();
	events_init();
	time_init();
	console_connect();
	sched_init();
	start_xenbus();
	if (!create_thread("main", run_app, (void *)start_info))
		guest_crash("no memory for the main thread");
	run_idle_thread();
}
