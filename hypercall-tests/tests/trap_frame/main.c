/* SPDX-License-Identifier: MIT */
/*
 * trap_frame: the bounce frame's layout and a full resume with iret.
 *
 * What: every general register gets a pattern and CF, DF are set, then
 * ud2, with rsp 16-byte aligned and then misaligned by 8. The handler
 * must see all registers (rcx and r11 included) as at the fault, and a
 * frame at (rsp & ~15) - 48 holding error code 0, rip of the ud2, cs and
 * ss the guest selectors, rflags with IF, CF and DF, and the interrupted
 * rsp. The hook skips the ud2 and irets; afterwards every register,
 * rsp, CF and DF are again as before the fault.
 *
 * Why: traps.h fixes this layout, and iret restores rax, rcx, r11 from
 * what the handler pushes: if the bounce clobbered rcx/r11 (say, by
 * returning with sysret), no guest could preserve them across a fault.
 *
 * Broken hypervisor: frame misplaced or misaligned, fields swapped,
 * registers (or DF) altered on the way in or out.
 */
#include <xt.h>

const char test_title[] = "bounce frame layout; registers intact into the handler and after iret";

#define NREGS	15
#define RFLAGS_CF	(1ULL << 0)
#define RFLAGS_IF	(1ULL << 9)
#define RFLAGS_DF	(1ULL << 10)

static const char *const names[NREGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11",
	"r12", "r13", "r14", "r15",
};

/* void probe(const uint64_t *in, uint64_t *out, uint64_t misalign): out[15] rflags, out[16] rsp */
void probe(const uint64_t *in, uint64_t *out, uint64_t misalign);
uint64_t probe_saved_rsp, probe_fault_rsp;
asm(".text\n probe:\n"
    "	push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15; push %rsi\n"
    "	mov %rsp, probe_saved_rsp(%rip)\n"
    "	sub %rdx, %rsp\n"
    "	mov %rsp, probe_fault_rsp(%rip)\n"
    "	mov 0(%rdi), %rax; mov 8(%rdi), %rbx; mov 16(%rdi), %rcx; mov 24(%rdi), %rdx\n"
    "	mov 32(%rdi), %rsi; mov 48(%rdi), %rbp; mov 56(%rdi), %r8; mov 64(%rdi), %r9\n"
    "	mov 72(%rdi), %r10; mov 80(%rdi), %r11; mov 88(%rdi), %r12; mov 96(%rdi), %r13\n"
    "	mov 104(%rdi), %r14; mov 112(%rdi), %r15; mov 40(%rdi), %rdi\n"
    "	stc; std\n"
    "probe_ud2: ud2\n"
    "	pushfq; cld; push %rdi\n"
    "	mov probe_saved_rsp(%rip), %rdi; mov (%rdi), %rdi\n"
    "	mov %rax, 0(%rdi); mov %rbx, 8(%rdi); mov %rcx, 16(%rdi); mov %rdx, 24(%rdi)\n"
    "	mov %rsi, 32(%rdi); pop %rax; mov %rax, 40(%rdi); mov %rbp, 48(%rdi)\n"
    "	mov %r8, 56(%rdi); mov %r9, 64(%rdi); mov %r10, 72(%rdi); mov %r11, 80(%rdi)\n"
    "	mov %r12, 88(%rdi); mov %r13, 96(%rdi); mov %r14, 104(%rdi); mov %r15, 112(%rdi)\n"
    "	pop %rax; mov %rax, 120(%rdi); mov %rsp, 128(%rdi)\n"
    "	mov probe_saved_rsp(%rip), %rsp\n"
    "	pop %rsi; pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "	ret\n");
extern const char probe_ud2[];

static struct xt_trap_regs seen;
static uint64_t seen_frame_addr;

static bool skip_ud2(struct xt_trap_regs *regs)
{
	if (regs->vector != X86_UD || regs->frame.rip != (uint64_t)probe_ud2)
		return false;
	seen = *regs;
	seen_frame_addr = (uint64_t)&regs->frame;
	regs->frame.rip += 2;
	return true;
}

static void check_regs(const uint64_t *got, const uint64_t *want, const char *when)
{
	for (unsigned int i = 0; i < NREGS; i++)
		if (got[i] != want[i])
			xt_fail("%s: %s is 0x%lx, expected 0x%lx", when, names[i], got[i], want[i]);
}

void test_main(void)
{
	const uint64_t flags = RFLAGS_CF | RFLAGS_DF | RFLAGS_IF;
	uint64_t in[NREGS], out[NREGS + 2], at_fault[NREGS];

	if (!xt_expect_rc(xt_trap_table_rc, 0, "set_trap_table of the framework's handlers"))
		return;
	xt_set_trap_hook(skip_ud2);
	for (uint64_t misalign = 0; misalign <= 8; misalign += 8) {
		for (unsigned int i = 0; i < NREGS; i++)
			in[i] = 0x0101010101010101ULL * (i + 1) + misalign;
		seen.vector = ~0ULL;
		probe(in, out, misalign);
		if (!xt_expect_eq(seen.vector, X86_UD, "the hook saw the ud2"))
			break;
		/* xt_trap_regs stores r15 first: reverse into in[] order. */
		for (unsigned int i = 0; i < NREGS; i++)
			at_fault[i] = (&seen.r15)[NREGS - 1 - i];
		check_regs(at_fault, in, "in the handler");
		check_regs(out, in, "after iret");
		xt_expect_eq(out[15] & flags, flags, "CF, DF, IF after iret");
		xt_expect_eq(out[16], probe_fault_rsp, "rsp after iret");
		xt_expect_eq(seen_frame_addr, (probe_fault_rsp & ~15ULL) - 48, "frame address");
		xt_expect_eq(seen.frame.error_code, 0, "frame error code");
		xt_expect_eq(seen.frame.rip, (uint64_t)probe_ud2, "frame rip");
		xt_expect_eq(seen.frame.cs & 0xffff, SHALE_GUEST_CS, "frame cs");
		xt_expect_eq(seen.frame.ss, SHALE_GUEST_SS, "frame ss");
		xt_expect_eq(seen.frame.rflags & flags, flags, "frame rflags CF, DF, IF");
		xt_expect_eq(seen.frame.rsp, probe_fault_rsp, "frame rsp");
	}
	xt_set_trap_hook(NULL);
	xt_pass();
}
