/* SPDX-License-Identifier: MIT */
/*
 * trap_pf: page faults bounced with error code and cr2.
 *
 * What: a read and a write of an unmapped address, a write to a read-only
 * page, a fetch from an unmapped address and a fetch from a page mapped
 * NX are each caught as vector 14 with the CPU's error code (P, W, U, I
 * bits as the case demands) and vcpu_info.cr2 = the faulting address; for
 * the fetches the frame's rip is that address, for the data accesses the
 * instruction. (traps.h says the address is in the frame as well, but
 * struct shale_bounce_frame has no field for it: only vcpu_info.cr2 is
 * checked.)
 *
 * Why: DESIGN.md section 4: the page-fault address goes to vcpu_info;
 * every PV kernel's fault handler starts from cr2 and the error code.
 *
 * Broken hypervisor: stale or missing cr2, an error code not the CPU's
 * (e.g. its own ring-0 view), a fault the hypervisor "handles" itself.
 */
#include <xt.h>

const char test_title[] = "#PF: error code and vcpu_info.cr2 for reads, writes and fetches";

#define UNMAPPED	0x10000ULL
#define NX_VA		XT_SCRATCH_VA

void do_read(void *arg);
void do_write(void *arg);
void do_call(void *arg);
asm(".text\n"
    "do_read: mov (%rdi), %rax\n ret\n"
    "do_write: movq $1, (%rdi)\n ret\n"
    "do_call: call *%rdi\n ret\n");

void test_main(void)
{
	uint64_t code = xt_alloc_page();
	const struct {
		void (*fn)(void *);
		uint64_t addr;
		uint64_t ec;
		bool fetch;
		const char *what;
	} cases[] = {
		{ do_read, UNMAPPED, PFEC_USER, false, "read of an unmapped page" },
		{ do_write, UNMAPPED, PFEC_USER | PFEC_WRITE, false, "write to an unmapped page" },
		{ do_write, xt_si->pt_base + 8, PFEC_USER | PFEC_WRITE | PFEC_PRESENT, false,
		  "write to a read-only page" },
		{ do_call, UNMAPPED, PFEC_USER | PFEC_INSN, true, "fetch from an unmapped page" },
		{ do_call, NX_VA, PFEC_USER | PFEC_INSN | PFEC_PRESENT, true,
		  "fetch from an NX page" },
	};
	char what[96];

	*(volatile uint8_t *)xt_pfn_to_va(code) = 0xc3;	/* ret, were it to run */
	xt_scratch_l1e(0);
	if (!xt_expect_rc(hc_update_va_mapping(NX_VA, xt_pte(xt_pfn_to_mfn(code), false) |
					       SHALE_PTE_NX, SHALE_UVMF_INVLPG), 0,
			  "map a page NX"))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		xt_shared_info->vcpu_info[0].cr2 = 0;
		xt_snprintf(what, sizeof(what), "vector of the %s", cases[i].what);
		if (!xt_expect_eq(xt_exec_catch(cases[i].fn, (void *)cases[i].addr), X86_PF, what))
			continue;
		xt_snprintf(what, sizeof(what), "error code (P|W|U|I) of the %s", cases[i].what);
		xt_expect_eq(xt_last_trap.error_code & 0x17, cases[i].ec, what);
		xt_snprintf(what, sizeof(what), "vcpu_info.cr2 of the %s", cases[i].what);
		xt_expect_eq(xt_last_trap.cr2, cases[i].addr, what);
		xt_snprintf(what, sizeof(what), "frame rip of the %s", cases[i].what);
		xt_expect_eq(xt_last_trap.rip, cases[i].fetch ? cases[i].addr :
				(uint64_t)cases[i].fn, what);
	}
	xt_pass();
}
