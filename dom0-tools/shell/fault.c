/* SPDX-License-Identifier: MIT */
/* fault KIND: raise an exception on purpose, to see the guest kernel's handlers at work. */
#include <stdint.h>
#include <console.h>
#include <mm.h>
#include <pagetable.h>
#include <string.h>
#include "builtins.h"
#include "shell.h"

/* Below the kernel's link address (guest.lds): never mapped. */
#define UNMAPPED_ADDR	0x10UL

/* An L4 slot the kernel leaves empty: rewriting its 0 would be harmless, were it allowed. */
#define IDLE_L4_SLOT	100

struct fault_kind {
	const char *name;
	const char *what;
	void (*raise)(void);
};

/* The accesses are asm so the compiler can neither drop nor reorder them. */
static void raise_pf_read(void)
{
	uint64_t v;

	asm volatile("movq (%1), %0" : "=r"(v) : "r"(UNMAPPED_ADDR) : "memory");
	(void)v;
}

static void raise_pf_write(void)
{
	asm volatile("movq $1, (%0)" : : "r"(UNMAPPED_ADDR) : "memory");
}

/* The page-table frames are mapped read-only: the hypervisor must not let this write land. */
static void raise_pt_write(void)
{
	uint64_t *l4 = mfn_to_virt(pt_l4_mfn());

	if (!l4) {
		printf("fault: cannot find the L4 in the linear mapping\n");
		return;
	}
	printf("fault: writing to the L4 (mfn %#llx) at %p\n",
	       (unsigned long long)pt_l4_mfn(), (void *)&l4[IDLE_L4_SLOT]);
	asm volatile("movq %1, (%0)" : : "r"(&l4[IDLE_L4_SLOT]), "r"(l4[IDLE_L4_SLOT])
		     : "memory");
}

static void raise_ud(void)
{
	asm volatile("ud2");
}

static void raise_gp(void)
{
	asm volatile("cli");
}

static void raise_int3(void)
{
	asm volatile("int3");
}

/* Registers int3_keeps_registers() loads before int3 and compares after it. */
static const char *const int3_regs[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
#define NR_INT3_REGS	13

/*
 * The handler and the iret path must hand back every register; rcx and
 * r11 (clobbered by the iret hypercall's syscall) and rax (its number)
 * are the ones most at risk. rdi holds the buffer, rbp the frame pointer.
 */
static int int3_keeps_registers(void)
{
	uint64_t buf[2 * NR_INT3_REGS];
	int bad = 0;

	_Static_assert(ARRAY_SIZE(int3_regs) == NR_INT3_REGS, "register names");
	for (unsigned int i = 0; i < NR_INT3_REGS; i++)
		buf[i] = 0x1111111111111111ULL * (i + 1) ^ 0x0123456789abcdefULL;
	asm volatile("movq 0(%0), %%rax\n\tmovq 8(%0), %%rbx\n\tmovq 16(%0), %%rcx\n\t"
		     "movq 24(%0), %%rdx\n\tmovq 32(%0), %%rsi\n\tmovq 40(%0), %%r8\n\t"
		     "movq 48(%0), %%r9\n\tmovq 56(%0), %%r10\n\tmovq 64(%0), %%r11\n\t"
		     "movq 72(%0), %%r12\n\tmovq 80(%0), %%r13\n\tmovq 88(%0), %%r14\n\t"
		     "movq 96(%0), %%r15\n\t"
		     "int3\n\t"
		     "movq %%rax, 104(%0)\n\tmovq %%rbx, 112(%0)\n\tmovq %%rcx, 120(%0)\n\t"
		     "movq %%rdx, 128(%0)\n\tmovq %%rsi, 136(%0)\n\tmovq %%r8, 144(%0)\n\t"
		     "movq %%r9, 152(%0)\n\tmovq %%r10, 160(%0)\n\tmovq %%r11, 168(%0)\n\t"
		     "movq %%r12, 176(%0)\n\tmovq %%r13, 184(%0)\n\tmovq %%r14, 192(%0)\n\t"
		     "movq %%r15, 200(%0)"
		     : : "D"(buf)
		     : "rax", "rbx", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "r12", "r13",
		       "r14", "r15", "memory");
	for (unsigned int i = 0; i < NR_INT3_REGS; i++) {
		if (buf[i] == buf[NR_INT3_REGS + i])
			continue;
		printf("fault: ERROR: %s was %#llx before int3 and %#llx after\n", int3_regs[i],
		       (unsigned long long)buf[i], (unsigned long long)buf[NR_INT3_REGS + i]);
		bad = 1;
	}
	return bad;
}

static const struct fault_kind kinds[] = {
	{ "pf-read", "read an unmapped address", raise_pf_read },
	{ "pf-write", "write an unmapped address", raise_pf_write },
	{ "pt-write", "write one of our page tables", raise_pt_write },
	{ "ud", "execute ud2", raise_ud },
	{ "gp", "execute cli (privileged)", raise_gp },
	{ "int3", "execute int3 (resumes)", raise_int3 },
};

static void list_kinds(void)
{
	printf("fault: KIND is one of:\n");
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		printf("  %-9s %s\n", kinds[i].name, kinds[i].what);
}

int cmd_fault(int argc, char **argv)
{
	const struct fault_kind *k = NULL;

	if (argc != 2)
		return shell_usage(shell_find("fault"));
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].name, argv[1]))
			k = &kinds[i];
	if (!k) {
		printf("fault: %s: unknown kind\n", argv[1]);
		list_kinds();
		return SHELL_STATUS_SYNTAX;
	}
	printf("fault: %s: %s\n", k->name, k->what);
	k->raise();
	if (k->raise == raise_int3) {
		printf("fault: int3: resumed after the breakpoint\n");
		if (int3_keeps_registers())
			return 1;
		printf("fault: int3: registers preserved across the exception\n");
		return 0;
	}
	printf("fault: ERROR: %s did not fault\n", k->name);
	return 1;
}
