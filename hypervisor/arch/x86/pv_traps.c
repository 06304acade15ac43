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

/* A code address a guest may name: in guest address space (0 included: "none"). */
static bool handler_ok(uint64_t addr)
{
	return guest_range_ok(addr, 1);
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

/* Crashes the domain that raised regs->vector; for domUs this returns. */
static void crash_undeliverable(struct vcpu *v, const struct cpu_user_regs *regs,
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

/*
 * Writes a bounce frame below the guest's rsp and resumes it at handler.
 * -EFAULT when the guest stack cannot take the frame (nothing changed then).
 */
static int push_bounce_frame(struct vcpu *v, struct cpu_user_regs *regs, uint64_t handler,
			     uint64_t error_code, bool mask_events)
{
	struct shale_vcpu_info *vi = vcpu_info(v);
	struct shale_bounce_frame f;
	uint64_t sp = (regs->rsp & ~15ULL) - sizeof(f);

	f.error_code = error_code;
	f.rip = regs->rip;
	f.cs = SHALE_GUEST_CS | ((uint64_t)vi->evtchn_upcall_mask << SHALE_FRAME_CS_MASK_SHIFT);
	f.rflags = regs->rflags;
	f.rsp = regs->rsp;
	f.ss = SHALE_GUEST_SS;
	if (copy_to_guest(sp, &f, sizeof(f)))
		return -EFAULT;
	if (mask_events)
		vi->evtchn_upcall_mask = 1;
	regs->rip = handler;
	regs->rsp = sp;
	regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF);
	/* The frame no longer describes a hypercall: leave through iretq. */
	if (regs->vector == VEC_HYPERCALL)
		regs->vector = VEC_IRET_RETURN;
	return 0;
}

void bounce_exception(struct cpu_user_regs *regs, uint64_t cr2)
{
	struct vcpu *v = current_vcpu();
	uint64_t handler = v->traps.address[regs->vector];
	char why[96];

	if (!handler) {
		crash_undeliverable(v, regs, cr2, "no handler registered");
		return;
	}
	/* A handler that faults on its first instruction would bounce forever. */
	if (regs->rip == handler) {
		crash_undeliverable(v, regs, cr2, "the handler itself faults");
		return;
	}
	if (push_bounce_frame(v, regs, handler, regs->error_code,
			      v->traps.flags[regs->vector] & SHALE_TRAP_MASK_EVENTS)) {
		snprintf(why, sizeof(why), "cannot deliver it: guest stack at 0x%lx is not writable",
			 regs->rsp);
		crash_undeliverable(v, regs, cr2, why);
		return;
	}
	if (regs->vector == VEC_PF)
		vcpu_info(v)->cr2 = cr2;
}

void deliver_event_upcall(struct cpu_user_regs *regs)
{
	struct vcpu *v = current_vcpu();
	struct shale_vcpu_info *vi = vcpu_info(v);
	char why[120];

	/*
	 * Not while a continued hypercall is about to be re-issued: a handler
	 * issuing its own long batch would take over the continuation slot.
	 */
	if (!vi->evtchn_upcall_pending || vi->evtchn_upcall_mask || !v->event_callback ||
	    v->domain->state != DOMAIN_RUNNING || v->cont.valid)
		return;
	if (push_bounce_frame(v, regs, v->event_callback, 0, true)) {
		snprintf(why, sizeof(why), "cannot deliver an event upcall: guest stack at 0x%lx "
			 "is not writable", regs->rsp);
		domain_crash(v->domain, why);
	}
}

long do_iret(void)
{
	struct cpu_user_regs *regs = guest_regs();
	struct vcpu *v = current_vcpu();
	struct shale_iret_context c;

	if (copy_from_guest(&c, regs->rsp, sizeof(c)))
		return -EFAULT;
	if (c.flags || !guest_range_ok(c.rip, 1) || !guest_range_ok(c.rsp, 1))
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
	/* If this unmasks a pending upcall, entry.S delivers it on the way out. */
	vcpu_info(v)->evtchn_upcall_mask = (c.cs >> SHALE_FRAME_CS_MASK_SHIFT) & 0xff;
	return (long)c.rax;
}
