/* SPDX-License-Identifier: MIT */
/*
 * Negative boot test kernel: executes one instruction a ring-3 guest may
 * not (or one that must fault), chosen by "insn=NAME" on its command line.
 *
 * Why: guest kernels run in ring 3; a privileged instruction must fault and
 * be contained (the domain crashed with a clear reason, the hypervisor and
 * the machine unharmed). A broken hypervisor lets the instruction run (we
 * then print "ERROR: NAME did not fault" and fail) or falls over itself.
 * The runner (tests/boot/run.py) boots this as dom0 and checks the output
 * and QEMU's exit status.
 */
#include <console.h>
#include <kernel.h>
#include <string.h>

/* Port 0x80 (POST codes) is harmless should the access wrongly succeed. */
#define TEST_PORT	0x80

/* Far below the kernel's link address: never mapped. */
#define UNMAPPED_ADDR	0x10

struct insn_test {
	const char *name;
	void (*run)(void);
};

static void do_cli(void)
{
	asm volatile("cli");
}

static void do_sti(void)
{
	asm volatile("sti");
}

static void do_hlt(void)
{
	asm volatile("hlt");
}

/* We cannot read cr3 either, so write 0: it must fault before it matters. */
static void do_cr3(void)
{
	asm volatile("mov %0, %%cr3" : : "r"(0UL) : "memory");
}

static void do_in(void)
{
	unsigned char v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"((unsigned short)TEST_PORT));
	(void)v;
}

static void do_out(void)
{
	asm volatile("outb %0, %1" : : "a"((unsigned char)0), "Nd"((unsigned short)TEST_PORT));
}

static void do_lgdt(void)
{
	static const struct {
		unsigned short limit;
		unsigned long base;
	} __packed gdtr = { 0, 0 };

	asm volatile("lgdt %0" : : "m"(gdtr) : "memory");
}

static void do_rdmsr(void)
{
	unsigned int lo, hi;

	/* IA32_APIC_BASE: exists on every x86_64 CPU. */
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x1b));
	(void)lo;
	(void)hi;
}

static void do_ud2(void)
{
	asm volatile("ud2");
}

static void do_int3(void)
{
	asm volatile("int3");
}

/* An asm store: GCC rejects or may drop a C store to a constant small address. */
static void do_pf(void)
{
	asm volatile("movq $1, (%0)" : : "r"((unsigned long)UNMAPPED_ADDR) : "memory");
}

static const struct insn_test tests[] = {
	{ "cli", do_cli },
	{ "sti", do_sti },
	{ "hlt", do_hlt },
	{ "cr3", do_cr3 },
	{ "in", do_in },
	{ "out", do_out },
	{ "lgdt", do_lgdt },
	{ "rdmsr", do_rdmsr },
	{ "ud2", do_ud2 },
	{ "int3", do_int3 },
	{ "pf", do_pf },
};

/* Copies the value of the "insn=" word of cmdline to buf; -1 if absent or too long. */
static int cmdline_insn(const char *cmdline, char *buf, size_t size)
{
	const char *p = cmdline;

	while (*p) {
		const char *space;
		size_t len;

		while (*p == ' ')
			p++;
		space = strchr(p, ' ');
		len = space ? (size_t)(space - p) : strlen(p);
		if (len > 5 && !strncmp(p, "insn=", 5) && len - 5 < size) {
			memcpy(buf, p + 5, len - 5);
			buf[len - 5] = '\0';
			return 0;
		}
		p += len;
	}
	return -1;
}

static void print_usage(void)
{
	size_t i;

	printf("priv: usage: insn=NAME with NAME one of:");
	for (i = 0; i < ARRAY_SIZE(tests); i++)
		printf(" %s", tests[i].name);
	printf("\n");
}

int app_main(const struct shale_start_info *si)
{
	char name[16];
	size_t i;

	if (cmdline_insn(si->cmd_line, name, sizeof(name)) < 0) {
		print_usage();
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		if (strcmp(tests[i].name, name))
			continue;
		printf("executing %s\n", name);
		tests[i].run();
		printf("ERROR: %s did not fault\n", name);
		return 1;
	}
	printf("priv: unknown insn '%s'\n", name);
	print_usage();
	return 2;
}
