/* SPDX-License-Identifier: MIT */
/*
 * Guest exceptions: the trap table, the callbacks, bouncing an exception to
 * the guest's handler, and the iret hypercall that returns from it
 * (include/public/traps.h describes the frames).
 */
#include <arch/cpu.h>
#include <arch/traps.h>
#include <arch/x86.h>
#include <public/traps.h>
#include <string.h>
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "printk.h"

/* Flags a guest may not carry into its saved rflags. */
#define GUEST_RFLAGS_CLEAR	(X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_VM | \
				 X86_EFLAGS_VIF | X86_EFLAGS_VIP | X86_EFLAGS_RF)

static bool canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

/* A code address a guest may name: canonical and in guest address space, or 0. */
static bool handler_ok(uint64_t addr)
{
	return addr == 0 || (canonical(addr) && guest_range_ok(addr, 1));
}

long do_set_trap_table(uint64_t table)
{
	struct vcpu *v = current_vcpu();
	struct trap_table fresh;	/* applied only once all entries pass */

	memset(&fresh, 0, sizeof(fresh));
	for (unsigned int i = 0; table && i < SHALE_MAX_TRAPS; i++) {
		struct shale_trap_info t;

		if (copy_from_guest(&t, table + i * sizeof(t), sizeof(t)))
			return -EFAULT;
		if (!t.address)
			break;
		if ((t.flags & ~SHALE_TRAP_MASK_EVENTS) || t.pad0 || t.pad1 ||
		    !handler_ok(t.address))
			return -EINVAL;
		fresh.address[t.vector] = t.address;
		fresh.flags[t.vector] = t.flags;
	}
	v->traps = fresh;
	return 0;
}

long do_set_callbacks(uint64_t event_address, uint64_t failsafe_address)
{
	struct vcpu *v = current_vcpu();

	if (!handler_ok(event_address) || !handler_ok(failsafe_address))
		return -EINVAL;
	v->event_callback = event_address;
	v->failsafe_callback = failsafe_address;
	return 0;
}

static __noreturn void crash_undeliverable(struct vcpu *v, const struct cpu_user_regs *regs,
					   uint64_t cr2, const char *problem)
{
	char why[200], addr[40] = "";

	if (regs->vector == VEC_PF)
		snprintf(addr, sizeof(addr), ", address 0x%lx", cr2);
	snprintf(why, sizeof(why), "%s (vector %lu) at rip 0x%lx, error code 0x%lx%s: %s",
		 exception_name(regs->vector), regs->vector, regs->rip, regs->error_code, addr,
		 problem);
	domain_crash(v->domain, why);
}

void bounce_exception(struct cpu_user_regs *regs, uint64_t cr2)
{
	struct vcpu *v = current_vcpu();
	uint64_t handler = v->traps.address[regs->vector];
	struct shale_vcpu_info *vi = vcpu_info(v);
	struct shale_bounce_frame f;
	uint64_t sp = (regs->rsp & ~15ULL) - sizeof(f);
	char why[96];

	if (!handler)
		crash_undeliverable(v, regs, cr2, "no handler registered");
	/* A handler that faults on its first instruction would bounce forever. */
	if (regs->rip == handler)
		crash_undeliverable(v, regs, cr2, "the handler itself faults");
	f.error_code = regs->error_code;
	f.rip = regs->rip;
	f.cs = SHALE_GUEST_CS | ((uint64_t)vi->evtchn_upcall_mask << SHALE_FRAME_CS_MASK_SHIFT);
	f.rflags = regs->rflags;
	f.rsp = regs->rsp;
	f.ss = SHALE_GUEST_SS;
	if (copy_to_guest(sp, &f, sizeof(f))) {
		snprintf(why, sizeof(why), "cannot deliver it: guest stack at 0x%lx is not writable",
			 regs->rsp);
		crash_undeliverable(v, regs, cr2, why);
	}
	if (regs->vector == VEC_PF)
		vi->cr2 = cr2;
	if (v->traps.flags[regs->vector] & SHALE_TRAP_MASK_EVENTS)
		vi->evtchn_upcall_mask = 1;
	regs->rip = handler;
	regs->rsp = sp;
	regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF);
}

long do_iret(void)
{
	struct cpu_user_regs *regs = guest_regs();
	struct vcpu *v = current_vcpu();
	struct shale_iret_context c;

	if (copy_from_guest(&c, regs->rsp, sizeof(c)))
		return -EFAULT;
	if (c.flags || !canonical(c.rip) || !guest_range_ok(c.rip, 1) || !canonical(c.rsp) ||
	    !guest_range_ok(c.rsp, 1))
		return -EINVAL;
	regs->rip = c.rip;
	regs->rsp = c.rsp;
	regs->rflags = (c.rflags & ~GUEST_RFLAGS_CLEAR) | X86_EFLAGS_IF | X86_EFLAGS_MBS;
	regs->cs = SHALE_GUEST_CS;
	regs->ss = SHALE_GUEST_SS;
	regs->rcx = c.rcx;
	regs->r11 = c.r11;
	/* Leave through iretq: sysret would clobber the restored rcx and r11. */
	regs->vector = VEC_IRET_RETURN;
	vcpu_info(v)->evtchn_upcall_mask = (c.cs >> SHALE_FRAME_CS_MASK_SHIFT) & 0xff;
	return (long)c.rax;
}
