/* SPDX-License-Identifier: MIT */
/*
 * trap_int_n: software interrupts to the hypervisor's vectors.
 *
 * What: int $N from the guest for N = 2 (NMI), 8 (#DF), 14 (#PF), 18
 * (#MC), 0x20, 0x80, 0xef and 0xff (vectors a hypervisor uses for
 * interrupts, the APIC timer and spurious interrupts) must not reach the
 * hypervisor's handlers: each is caught by the guest as #GP with error
 * code (N << 3) | 2 (IDT, not external), rip at the instruction.
 *
 * Why: IDT gates for exceptions and interrupts must have DPL 0 (only #BP
 * and perhaps #OF are the guest's to raise). A ring-3 "int $0x20" that
 * reaches the timer handler, or "int $8" that reaches the double-fault
 * handler on its IST stack, runs hypervisor code with guest-chosen state.
 * The error code is the CPU's, passed through: QEMU 7.2's TCG reports
 * (N << 4) | 2 in 64-bit mode (an emulator bug, fixed upstream to
 * N * 8 + 2), so that form is accepted too.
 *
 * Broken hypervisor: a panic (status 3: a fake #DF or #MC), an extra
 * timer tick or EOI, or the software interrupt bounced as if it were the
 * real exception.
 */
#include <xt.h>

const char test_title[] = "int $N to hypervisor vectors raises #GP((N << 3) | 2)";

#define INT_FN(n)	\
	void int_##n(void *arg);	\
	asm(".text\n int_" #n ": int $" #n "\n ret\n")

INT_FN(2);
INT_FN(8);
INT_FN(14);
INT_FN(18);
INT_FN(0x20);
INT_FN(0x80);
INT_FN(0xef);
INT_FN(0xff);

void test_main(void)
{
	static const struct {
		void (*fn)(void *);
		uint64_t n;
	} cases[] = {
		{ int_2, 2 }, { int_8, 8 }, { int_14, 14 }, { int_18, 18 }, { int_0x20, 0x20 },
		{ int_0x80, 0x80 }, { int_0xef, 0xef }, { int_0xff, 0xff },
	};
	char what[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		xt_snprintf(what, sizeof(what), "vector of int $0x%lx", cases[i].n);
		if (xt_expect_eq(xt_exec_catch(cases[i].fn, NULL), X86_GP, what)) {
			uint64_t ec = xt_last_trap.error_code;

			if (ec != ((cases[i].n << 3) | 2) && ec != ((cases[i].n << 4) | 2))
				xt_fail("error code of int $0x%lx: expected 0x%lx, got 0x%lx",
					cases[i].n, (cases[i].n << 3) | 2, ec);
			xt_expect_eq(xt_last_trap.rip, (uint64_t)cases[i].fn, "rip");
		}
		xt_hypervisor_alive();
	}
	xt_pass();
}
