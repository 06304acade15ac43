/* SPDX-License-Identifier: MIT */
/*
 * abi_regs_preserved: the calling convention's promise about registers.
 *
 * What: every general register gets a distinct pattern, the flags get CF
 * and DF set, then a hypercall runs (version, and a refused console_io
 * and an unknown number, which take other exit paths). Afterwards rax
 * holds the result, rcx and r11 may differ, and everything else (rbx,
 * rdx, rsi, rdi, rbp, r8-r10, r12-r15, rsp, CF, DF, IF) must be as before.
 *
 * Why: shale.h and ABI.md promise it; guest wrappers declare only rcx and
 * r11 clobbered, so a leaked or clobbered register corrupts guest state
 * silently (and could leak hypervisor values).
 *
 * Broken hypervisor: a register restored from the wrong slot, an error
 * path that skips the restore, sysret with flags not restored from r11.
 */
#include <xt.h>

const char test_title[] = "hypercalls preserve every register but rax, rcx, r11";

#define NREGS	16
#define RFLAGS_CF	(1ULL << 0)
#define RFLAGS_IF	(1ULL << 9)
#define RFLAGS_DF	(1ULL << 10)

/* in[] and out[] in this order; out[16] = rflags after, out[17] = rsp delta. */
static const char *const names[NREGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
	"r9", "r10", "r11", "r12", "r13", "r14", "r15", "-",
};

/* void probe(const uint64_t *in, uint64_t *out): loads in[], syscall, stores out[]. */
void probe(const uint64_t *in, uint64_t *out);
asm(".text\n"
    "probe:\n"
    "	push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "	push %rsi\n"
    "	mov %rsp, %r15\n"
    "	mov 0(%rdi), %rax; mov 8(%rdi), %rbx; mov 16(%rdi), %rcx; mov 24(%rdi), %rdx\n"
    "	mov 32(%rdi), %rsi; mov 48(%rdi), %rbp; mov 56(%rdi), %r8\n"
    "	mov 64(%rdi), %r9; mov 72(%rdi), %r10; mov 80(%rdi), %r11\n"
    "	mov 88(%rdi), %r12; mov 96(%rdi), %r13; mov 104(%rdi), %r14\n"
    "	push %r15\n"
    "	mov 112(%rdi), %r15\n"
    "	mov 40(%rdi), %rdi\n"
    "	stc; std\n"
    "	syscall\n"
    "	pushfq\n"
    "	cld\n"
    "	push %rdi\n"
    "	mov 24(%rsp), %rdi\n"		/* out */
    "	mov %rax, 0(%rdi); mov %rbx, 8(%rdi); mov %rcx, 16(%rdi); mov %rdx, 24(%rdi)\n"
    "	mov %rsi, 32(%rdi); pop %rax; mov %rax, 40(%rdi); mov %rbp, 48(%rdi)\n"
    "	mov %r8, 56(%rdi); mov %r9, 64(%rdi); mov %r10, 72(%rdi); mov %r11, 80(%rdi)\n"
    "	mov %r12, 88(%rdi); mov %r13, 96(%rdi); mov %r14, 104(%rdi); mov %r15, 112(%rdi)\n"
    "	pop %rax; mov %rax, 128(%rdi)\n"	/* rflags */
    "	pop %rax; sub %rsp, %rax; mov %rax, 136(%rdi)\n"	/* rsp before - rsp now: 0 */
    "	pop %rsi\n"
    "	pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "	ret\n");

static void run(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3, long expect, const char *what)
{
	uint64_t in[NREGS], out[NREGS + 2];

	for (unsigned int i = 0; i < NREGS; i++)
		in[i] = 0x1111111111111111ULL * (i + 1) ^ 0x0123456789abcdefULL;
	in[0] = nr;
	in[5] = a1;	/* rdi */
	in[4] = a2;	/* rsi */
	in[3] = a3;	/* rdx */
	probe(in, out);
	xt_expect_rc(out[0], expect, what);
	for (unsigned int i = 1; i < NREGS - 1; i++)
		if (i != 2 && i != 10 && out[i] != in[i])
			xt_fail("%s: %s changed from 0x%lx to 0x%lx", what, names[i], in[i], out[i]);
	xt_expect_eq(out[17], 0, "rsp change across the hypercall (bytes)");
	xt_expect_eq(out[16] & (RFLAGS_CF | RFLAGS_DF | RFLAGS_IF),
		     RFLAGS_CF | RFLAGS_DF | RFLAGS_IF, "CF, DF and IF after the hypercall");
}

void test_main(void)
{
	run(SHALE_HYPERCALL_version, SHALE_VERSION_version, 0, 0, XT_ABI_VERSION, "version");
	run(SHALE_HYPERCALL_console_io, SHALE_CONSOLEIO_write, 16, 0x10, -SHALE_EFAULT,
	    "console_io write from an unmapped buffer");
	run(200, 0, 0, 0, -SHALE_ENOSYS, "unknown hypercall 200");
	xt_pass();
}
