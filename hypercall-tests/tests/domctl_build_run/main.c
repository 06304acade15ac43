/* SPDX-License-Identifier: MIT */
/*
 * domctl_build_run: dom0 builds a tiny domain by hand and runs it.
 *
 * What: dom0 creates a domain, gives it 5 frames (max_mem,
 * increase_reservation), maps them into its own tables through mmu_update
 * with foreign_dom = the new domain, writes code (console_io write, then
 * sched_op shutdown(reboot)) and a 4-level page table mapping it at
 * 0x400000 read-only, unmaps them, and loads the vCPU with setvcpucontext
 * (cr3_mfn = that L4, validated as the new domain's). getdomaininfo then
 * shows one online vCPU; after unpause the domain shuts itself down with
 * reason reboot, which only its code can have asked for. After
 * destroydomain, free_pages is back where it was.
 *
 * Why: domctl.h setvcpucontext and mm.h foreign_dom: the path every
 * toolstack domain builder takes; the tables a domain runs on must be
 * validated as its own, whoever wrote them.
 *
 * Broken hypervisor: setvcpucontext refuses a valid L4 or loads the
 * wrong address space (the domain crashes instead of rebooting), the
 * domain runs while paused, or its validated tables leak on destroy.
 */
#include <xt.h>

const char test_title[] = "domctl: build a domain by hand, setvcpucontext, run it";

#define STR(x)	#x
#define XSTR(x)	STR(x)
#define CODE_VA	0x400000ULL

extern const uint8_t guest_code[], guest_code_end[];
asm(".pushsection .rodata\n"
    "guest_code:\n"
    "	lea bd_msg(%rip), %rdx\n"
    "	mov $bd_msg_end - bd_msg, %esi\n"
    "	mov $" XSTR(SHALE_CONSOLEIO_write) ", %edi\n"
    "	mov $" XSTR(SHALE_HYPERCALL_console_io) ", %eax\n"
    "	syscall\n"
    "	lea bd_reason(%rip), %rsi\n"
    "	mov $" XSTR(SHALE_SCHEDOP_shutdown) ", %edi\n"
    "	mov $" XSTR(SHALE_HYPERCALL_sched_op) ", %eax\n"
    "	syscall\n"
    "	ud2\n"
    "bd_reason: .long " XSTR(SHALE_SHUTDOWN_reboot) "\n"
    "bd_msg: .ascii \"built by dom0 and running\\n\"\n"
    "bd_msg_end:\n"
    "guest_code_end:\n"
    ".popsection\n");

static uint64_t mfn[5];	/* code, L4, L3, L2, L1 */

/* Maps the frames writable at XT_SCRATCH_VA, fills them, unmaps them. */
static bool build(shale_domid_t d)
{
	uint64_t *page[5];

	for (unsigned int i = 0; i < 5; i++) {
		struct shale_mmu_update u = { xt_scratch_l1e(i) | SHALE_MMU_NORMAL_PT_UPDATE,
					      xt_pte(mfn[i], true) };

		if (!xt_expect_rc(hc_mmu_update(&u, 1, NULL, d), 0, "mapping a frame of the domain"))
			return false;
		page[i] = (uint64_t *)(XT_SCRATCH_VA + i * PAGE_SIZE);
	}
	memcpy(page[0], guest_code, guest_code_end - guest_code);
	page[1][0] = (mfn[2] << 12) | XT_PT_TABLE;			/* L4[0] */
	page[2][0] = (mfn[3] << 12) | XT_PT_TABLE;			/* L3[0] */
	page[3][(CODE_VA >> 21) & 511] = (mfn[4] << 12) | XT_PT_TABLE;	/* L2[2] */
	page[4][(CODE_VA >> 12) & 511] = xt_pte(mfn[0], false);	/* L1[0]: the code */
	for (unsigned int i = 0; i < 5; i++)
		if (!xt_expect_rc(hc_update_va_mapping((uint64_t)page[i], 0, SHALE_UVMF_INVLPG), 0,
				  "unmapping a frame of the domain"))
			return false;
	return true;
}

static bool load(shale_domid_t d)
{
	struct shale_vcpu_guest_context ctx = {
		.rip = CODE_VA, .rsp = CODE_VA + 2 * PAGE_SIZE, .cr3_mfn = mfn[1],
	};
	struct shale_domctl op = { .u.setvcpucontext = { .vcpu = 0, .ctx = (uint64_t)&ctx } };
	struct shale_domctl_getdomaininfo info;

	if (!xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_setvcpucontext, d), 0, "setvcpucontext"))
		return false;
	if (xt_expect_rc(xt_domain_info(d, &info), 0, "getdomaininfo"))
		xt_expect_eq(info.nr_online_vcpus, 1, "online vCPUs after setvcpucontext");
	return true;
}

void test_main(void)
{
	struct shale_memory_reservation r = { .extent_start = (uint64_t)mfn, .nr_extents = 5 };
	struct shale_domctl op = { .u.max_pages = 5 };
	struct shale_domctl_physinfo before, after;
	struct shale_domctl_getdomaininfo info;
	long d;

	xt_scratch_l1e(4);
	if (!xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	d = xt_create_domain("xt-built");
	if (d < 0 || !xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_max_mem, d), 0, "max_mem 5"))
		return;
	r.domid = d;
	if (!xt_expect_eq(hc_memory_op(SHALE_MEMOP_increase_reservation, &r), 5, "populate 5") ||
	    !build(d) || !load(d))
		return;
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_unpausedomain, d), 0, "unpausedomain");
	if (xt_expect_rc(xt_wait_domain(d, SHALE_DOMINF_shutdown, 10000 * XT_MS, &info), 0,
			 "waiting for the built domain to shut down"))
		xt_expect_eq(info.shutdown_reason, SHALE_SHUTDOWN_reboot,
			     "shutdown reason: reboot, as its code asked");
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.free_pages, before.free_pages, "free_pages after destroydomain");
	xt_pass();
}
