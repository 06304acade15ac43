/* SPDX-License-Identifier: MIT */
/* What the exception handler does with a bounced exception (entry in entry.S). */
#include <xt.h>

#define STUB_SIZE	16

extern const char xt_trap_stubs[];
extern const char xt_trap_rescue[];
extern const char xt_catch_recover[];
long xt_exec_catch_asm(void (*fn)(void *), void *arg);

/* Called from entry.S only. */
void xt_trap_handle(struct xt_trap_regs *regs);
void xt_iret_refused(long rc) __attribute__((noreturn));
void xt_trap_rescued(uint64_t frame_addr) __attribute__((noreturn));
void xt_event_upcall(struct xt_trap_regs *regs);	/* events.c */

volatile struct xt_trap_record xt_last_trap;
long xt_trap_table_rc = -SHALE_ENOSYS;
volatile uint64_t xt_catch_rsp;
volatile uint32_t xt_catch_armed;
static xt_trap_hook_fn trap_hook;

static const char *const vector_names[XT_NR_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS", "#NP",
	"#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
};

static const char *vector_name(uint64_t v)
{
	return v < XT_NR_EXCEPTIONS && vector_names[v] ? vector_names[v] : "#?";
}

uint64_t xt_trap_entry(unsigned int v)
{
	return (uint64_t)xt_trap_stubs + v * STUB_SIZE;
}

unsigned int xt_build_trap_table(struct shale_trap_info *table, int omit, int rescue_vec)
{
	unsigned int n = 0;

	for (int v = 0; v < XT_NR_EXCEPTIONS; v++) {
		if (v == omit)
			continue;
		table[n] = (struct shale_trap_info){
			.vector = (uint8_t)v,
			.address = v == rescue_vec ? (uint64_t)xt_trap_rescue : xt_trap_entry(v),
		};
		n++;
	}
	table[n] = (struct shale_trap_info){ 0 };
	return n;
}

long xt_install_trap_table(void)
{
	static struct shale_trap_info table[XT_NR_EXCEPTIONS + 1];

	xt_build_trap_table(table, -1, -1);
	return hc_set_trap_table(table);
}

void xt_set_trap_hook(xt_trap_hook_fn fn)
{
	trap_hook = fn;
}

long xt_exec_catch(void (*fn)(void *), void *arg)
{
	char rc[24];

	if (xt_trap_table_rc) {
		xt_error("cannot catch faults: set_trap_table gave %s",
			 xt_rc_name(xt_trap_table_rc, rc, sizeof(rc)));
		return -2;
	}
	return xt_exec_catch_asm(fn, arg);
}

struct access {
	volatile uint64_t *p;
	uint64_t val;
};

static void do_read(void *arg)
{
	struct access *a = arg;

	a->val = *a->p;
}

static void do_write(void *arg)
{
	struct access *a = arg;

	*a->p = a->val;
}

long xt_try_read(uint64_t addr, uint64_t *val)
{
	struct access a = { (volatile uint64_t *)addr, 0 };
	long v = xt_exec_catch(do_read, &a);

	if (val)
		*val = a.val;
	return v;
}

long xt_try_write(uint64_t addr, uint64_t val)
{
	struct access a = { (volatile uint64_t *)addr, val };

	return xt_exec_catch(do_write, &a);
}

static void record(const struct xt_trap_regs *regs)
{
	xt_last_trap.vector = regs->vector;
	xt_last_trap.error_code = regs->frame.error_code;
	xt_last_trap.rip = regs->frame.rip;
	xt_last_trap.cs = regs->frame.cs;
	xt_last_trap.rflags = regs->frame.rflags;
	xt_last_trap.rsp = regs->frame.rsp;
	xt_last_trap.ss = regs->frame.ss;
	xt_last_trap.cr2 = regs->vector == X86_PF ? xt_shared_info->vcpu_info[0].cr2 : 0;
	xt_last_trap.frame_addr = (uint64_t)&regs->frame;
	xt_last_trap.count++;
}

void xt_trap_handle(struct xt_trap_regs *regs)
{
	if (regs->vector == XT_EVENT_VECTOR) {
		xt_event_upcall(regs);
		return;
	}
	record(regs);
	if (trap_hook && trap_hook(regs))
		return;
	if (xt_catch_armed) {
		xt_catch_armed = 0;
		regs->frame.rip = (uint64_t)xt_catch_recover;
		regs->frame.rsp = xt_catch_rsp;
		regs->rax = regs->vector;
		return;
	}
	xt_error("unexpected exception %s (vector %lu) at rip 0x%lx, error code 0x%lx, cr2 0x%lx",
		 vector_name(regs->vector), regs->vector, regs->frame.rip,
		 regs->frame.error_code, xt_last_trap.cr2);
	xt_finish();
}

void xt_iret_refused(long rc)
{
	char name[24];

	xt_fail("iret refused the framework's own context after %s: %s",
		vector_name(xt_last_trap.vector), xt_rc_name(rc, name, sizeof(name)));
	xt_finish();
}

void xt_trap_rescued(uint64_t frame_addr)
{
	xt_fail("an exception was bounced onto a stack the hypervisor must not write "
		"(frame at 0x%lx) instead of crashing the domain", frame_addr);
	xt_finish();
}
