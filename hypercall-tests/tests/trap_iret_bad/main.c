/* SPDX-License-Identifier: MIT */
/*
 * trap_iret_bad: the iret hypercall with bad or hostile contexts.
 *
 * What: iret with rsp at each bad pointer (NULL, unmapped, hypervisor,
 * non-canonical) is -EFAULT. A good context resumes at its rip with its
 * rsp, rax, rcx, r11 and IF set. Contexts with flags 1, a non-canonical
 * or hypervisor rip, or a non-canonical or hypervisor rsp are -EINVAL.
 * Contexts asking for ring 0 (cs 0x08, ss 0x10), IOPL 3 or IF clear are
 * either refused (-EINVAL) or sanitised: we land in ring 3 with cs 0x2b,
 * ss 0x23, IOPL 0 and IF set.
 *
 * Why: traps.h. iret is how a guest picks the state it returns to; a
 * sysret to a non-canonical rip faults in ring 0 on Intel CPUs (the
 * classic sysret hole), and honouring cs or IOPL hands out privilege.
 *
 * Broken hypervisor: a panic, a guest running in ring 0 or with port
 * access, or a fault taken in the hypervisor while reading the context.
 */
#include <xt.h>

const char test_title[] = "iret refuses bad contexts and never grants privilege";

#define RFLAGS_IF	(1ULL << 9)
#define RFLAGS_IOPL	(3ULL << 12)

/*
 * long landing_probe(ctx): iret to ctx; returns its error, or 1 when it
 * landed. The landing touches no stack until rsp is ours again, so a bad
 * context that is wrongly accepted shows as "got 1", not as a crash.
 */
long landing_probe(struct shale_iret_context *ctx);
uint64_t probe_rsp, landed[7];	/* cs, ss, rflags, rsp, rax, rcx, r11 */
asm(".text\n landing_probe:\n"
    "	push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "	mov %rsp, probe_rsp(%rip)\n"
    "	call hc_iret_at\n"
    "	jmp 1f\n"
    "	.globl landing\n landing:\n"
    "	mov %rax, landed+32(%rip); mov %rcx, landed+40(%rip); mov %r11, landed+48(%rip)\n"
    "	mov %rsp, landed+24(%rip)\n"
    "	xor %eax, %eax; mov %cs, %ax; mov %rax, landed(%rip)\n"
    "	mov %ss, %ax; mov %rax, landed+8(%rip)\n"
    "	mov probe_rsp(%rip), %rsp\n"	/* before any push: the landed rsp may be bad */
    "	pushfq; pop %rax; mov %rax, landed+16(%rip)\n"
    "	mov $1, %eax\n"
    "1:	pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "	ret\n");
extern const char landing[];

static uint64_t stack[512] __attribute__((aligned(16)));

static struct shale_iret_context good_ctx(void)
{
	return (struct shale_iret_context){
		.rax = 0xa1, .r11 = 0xb2, .rcx = 0xc3, .rip = (uint64_t)landing,
		.cs = SHALE_GUEST_CS, .rflags = 0x202, .rsp = (uint64_t)&stack[500],
		.ss = SHALE_GUEST_SS,
	};
}

static void check_landing(const char *what)
{
	char w[96];

	xt_snprintf(w, sizeof(w), "%s: cs", what);
	xt_expect_eq(landed[0], SHALE_GUEST_CS, w);
	xt_snprintf(w, sizeof(w), "%s: ss", what);
	xt_expect_eq(landed[1], SHALE_GUEST_SS, w);
	xt_snprintf(w, sizeof(w), "%s: IOPL and IF", what);
	xt_expect_eq(landed[2] & (RFLAGS_IOPL | RFLAGS_IF), RFLAGS_IF, w);
}

void test_main(void)
{
	struct shale_iret_context ctx = good_ctx();
	struct { uint64_t *field, value; long expect; const char *what; } cases[] = {
		{ &ctx.flags, 1, -SHALE_EINVAL, "flags 1" },
		{ &ctx.rip, SHALE_ULL(0x0000800000000000), -SHALE_EINVAL, "non-canonical rip" },
		{ &ctx.rip, SHALE_ULL(0xffffffff80100000), -SHALE_EINVAL, "hypervisor rip" },
		{ &ctx.rsp, SHALE_ULL(0x8000000000000000), -SHALE_EINVAL, "non-canonical rsp" },
		{ &ctx.rsp, SHALE_ULL(0xffff830000001000), -SHALE_EINVAL, "hypervisor rsp" },
		{ &ctx.cs, 0x08, 1, "cs 0x08 (ring 0)" },
		{ &ctx.ss, 0x10, 1, "ss 0x10 (ring 0)" },
		{ &ctx.rflags, 0x3202, 1, "IOPL 3" },
		{ &ctx.rflags, 0x002, 1, "IF clear" },
	};
	char what[96];
	long rc;

	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++) {
		xt_snprintf(what, sizeof(what), "iret with rsp at %s", xt_bad_ptrs[i].name);
		xt_expect_refused(hc_iret_at((void *)xt_bad_ptrs[i].addr), -SHALE_EFAULT, what);
	}
	if (xt_expect_eq(landing_probe(&ctx), 1, "iret to a good context lands")) {
		check_landing("good context");
		xt_expect_eq(landed[3], ctx.rsp, "rsp after iret");
		xt_expect_eq(landed[4], 0xa1, "rax after iret");
		xt_expect_eq(landed[5], 0xc3, "rcx after iret");
		xt_expect_eq(landed[6], 0xb2, "r11 after iret");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		ctx = good_ctx();
		*cases[i].field = cases[i].value;
		rc = landing_probe(&ctx);
		xt_snprintf(what, sizeof(what), "iret with %s (1: the context was taken)",
			    cases[i].what);
		if (cases[i].expect == 1 && rc == 1)
			check_landing(what);
		else if (cases[i].expect == 1)
			xt_expect_refused(rc, -SHALE_EINVAL, what);
		else
			xt_expect_refused(rc, cases[i].expect, what);
	}
	xt_pass();
}
