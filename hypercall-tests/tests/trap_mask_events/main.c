/* SPDX-License-Identifier: MIT */
/*
 * trap_mask_events: SHALE_TRAP_MASK_EVENTS and the saved event mask.
 *
 * What: with #UD's handler flagged SHALE_TRAP_MASK_EVENTS, a ud2 with
 * upcalls unmasked enters the handler with evtchn_upcall_mask = 1 and the
 * old mask (0) in bits 32-39 of the frame's cs; after iret the mask is 0
 * again. With the mask already 1, it is 1 in the handler, saved as 1, and
 * 1 after. Without the flag, a ud2 with the mask 0 leaves it 0 in the
 * handler and after.
 *
 * Why: traps.h; a handler that must not be interrupted by an upcall (the
 * page-fault handler reading cr2) relies on the mask being set before
 * its first instruction, and iret restoring the interrupted state.
 *
 * Broken hypervisor: masks too late or never, forgets the old value (a
 * guest that had events masked finds them unmasked), or ignores the flag.
 */
#include <xt.h>

const char test_title[] = "MASK_EVENTS masks upcalls in the handler; iret restores the mask";

static struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];
static uint8_t mask_in_handler;
static uint64_t saved_mask;

static bool look(struct xt_trap_regs *regs)
{
	if (regs->vector != X86_UD)
		return false;
	mask_in_handler = xt_shared_info->vcpu_info[0].evtchn_upcall_mask;
	saved_mask = (regs->frame.cs >> SHALE_FRAME_CS_MASK_SHIFT) & 0xff;
	regs->frame.rip += 2;
	return true;
}

static void do_ud2(void *arg)
{
	asm volatile("ud2");
}

static void run(bool flag, uint8_t mask, const char *what)
{
	volatile uint8_t *m = &xt_shared_info->vcpu_info[0].evtchn_upcall_mask;
	char w[96];

	for (unsigned int i = 0; table[i].address; i++)
		if (table[i].vector == X86_UD)
			table[i].flags = flag ? SHALE_TRAP_MASK_EVENTS : 0;
	if (!xt_expect_rc(hc_set_trap_table(table), 0, "set_trap_table"))
		return;
	*m = mask;
	mask_in_handler = 0xee;
	xt_expect_eq(xt_exec_catch(do_ud2, NULL), -1, "ud2 resumed by the hook");
	xt_snprintf(w, sizeof(w), "%s: mask in the handler", what);
	xt_expect_eq(mask_in_handler, flag ? 1 : mask, w);
	xt_snprintf(w, sizeof(w), "%s: mask saved in the frame's cs", what);
	xt_expect_eq(saved_mask, mask, w);
	xt_snprintf(w, sizeof(w), "%s: mask after iret", what);
	xt_expect_eq(*m, mask, w);
	*m = 0;
}

void test_main(void)
{
	xt_build_trap_table(table, -1, -1);
	xt_set_trap_hook(look);
	run(true, 0, "MASK_EVENTS, mask 0");
	run(true, 1, "MASK_EVENTS, mask 1");
	run(false, 0, "no flag, mask 0");
	xt_set_trap_hook(NULL);
	xt_install_trap_table();
	xt_pass();
}
