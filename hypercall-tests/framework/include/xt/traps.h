/* SPDX-License-Identifier: MIT */
/*
 * Expected faults caught as values. test_setup() installs a trap table
 * (set_trap_table) with a handler for every exception vector 0-31. The
 * handler (entry.S, traps.c) records what the hypervisor bounced and then
 * either resumes at the recovery point of xt_exec_catch(), lets a test's
 * hook decide, or reports an unexpected exception as ERROR and finishes.
 * Every resume is an iret hypercall (include/public/traps.h), so each
 * caught fault also exercises the bounce frame and iret.
 */
#ifndef SHALE_XT_TRAPS_H
#define SHALE_XT_TRAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <public/traps.h>

#define XT_NR_EXCEPTIONS	32
/* What the event callback's stub (entry.S) pushes as the vector: not an exception. */
#define XT_EVENT_VECTOR		32

#define X86_DE	0
#define X86_DB	1
#define X86_BP	3
#define X86_UD	6
#define X86_GP	13
#define X86_PF	14

/* Page-fault error code bits. */
#define PFEC_PRESENT	(1u << 0)
#define PFEC_WRITE	(1u << 1)
#define PFEC_USER	(1u << 2)
#define PFEC_INSN	(1u << 4)

/* The registers the handler saved, then the vector, then the bounce frame. */
struct xt_trap_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	struct shale_bounce_frame frame;
};

/* The last exception bounced to us. */
struct xt_trap_record {
	uint64_t vector;
	uint64_t error_code;
	uint64_t rip;		/* frame rip */
	uint64_t cs;		/* frame cs, including the saved event mask bits */
	uint64_t rflags;
	uint64_t rsp;		/* frame rsp: the interrupted rsp */
	uint64_t ss;
	uint64_t cr2;		/* vcpu_info.cr2 as read in the handler (page faults only) */
	uint64_t frame_addr;	/* where the hypervisor put the frame */
	uint64_t count;		/* exceptions bounced since boot */
};

extern volatile struct xt_trap_record xt_last_trap;

/* Result of test_setup's set_trap_table (0 when the table is in place). */
extern long xt_trap_table_rc;

/*
 * Calls fn(arg). Returns -1 when fn returns normally, or the vector of the
 * first exception raised inside it (details in xt_last_trap), after
 * resuming here through iret. Not nestable. Returns -2 without calling fn
 * (and gives ERROR) when no trap table could be installed.
 */
long xt_exec_catch(void (*fn)(void *), void *arg);

/*
 * A hook called first for every exception; it may edit regs (registers
 * and frame) and return true to iret to regs->frame as edited. NULL
 * removes it.
 */
typedef bool (*xt_trap_hook_fn)(struct xt_trap_regs *regs);
void xt_set_trap_hook(xt_trap_hook_fn fn);

/*
 * Fills table with the framework's handlers for vectors 0-31, leaving out
 * vector `omit` (-1 for none) and using `rescue` for vector `rescue_vec`:
 * the rescue handler switches to a stack of its own before touching
 * memory, then FAILs with "exception V bounced onto a stack it must not
 * use" and finishes (for tests whose stack is deliberately bad). Returns
 * the number of entries, the terminating zero entry not counted.
 */
unsigned int xt_build_trap_table(struct shale_trap_info *table, int omit, int rescue_vec);

/* Address of the entry stub for vector v (0-31), for hand-built tables. */
uint64_t xt_trap_entry(unsigned int v);

/*
 * Reads / writes 8 bytes at addr, catching any fault: -1 when the access
 * worked, else the vector (details in xt_last_trap).
 */
long xt_try_read(uint64_t addr, uint64_t *val);
long xt_try_write(uint64_t addr, uint64_t val);

/* Installs the framework's standard table again (after a test replaced it). */
long xt_install_trap_table(void);

#endif /* SHALE_XT_TRAPS_H */
