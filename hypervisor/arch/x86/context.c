/* SPDX-License-Identifier: MIT */
/*
 * Per-vCPU architectural state: the FPU/SSE/AVX registers (XSAVE where the
 * CPU has it, FXSAVE otherwise), saved and restored eagerly on every
 * switch so no register content ever passes between domains; and the
 * address space. The hypervisor itself is built without SSE.
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/page.h>
#include <arch/x86.h>
#include <string.h>
#include "domain.h"
#include "frame.h"
#include "printk.h"
#include "time.h"

#define XCR0_X87	(1ULL << 0)
#define XCR0_SSE	(1ULL << 1)
#define XCR0_AVX	(1ULL << 2)
#define FXSAVE_MXCSR	24	/* byte offset of MXCSR in the legacy area */

static bool use_xsave;
static uint64_t xcr0;

static void xsetbv(uint32_t reg, uint64_t v)
{
	asm volatile("xsetbv" : : "c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

void fpu_init(void)
{
	uint32_t a, b, c, d;
	uint64_t cr0;

	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	/* FPU on, no emulation, no lazy-switch trap, caches on. */
	cr0 = (cr0 | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS | (1ULL << 29) | (1ULL << 30));
	asm volatile("mov %0, %%cr0" : : "r"(cr0));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	cpuid(1, 0, &a, &b, &c, &d);
	if (c & (1u << 26)) {
		cpuid(0xd, 0, &a, &b, &c, &d);
		xcr0 = a & (XCR0_X87 | XCR0_SSE | XCR0_AVX);
		write_cr4(read_cr4() | CR4_OSXSAVE);
		xsetbv(0, xcr0);
		cpuid(0xd, 0, &a, &b, &c, &d);
		use_xsave = b <= PAGE_SIZE;
	}
	pr_info("fpu: %s, state components 0x%lx\n", use_xsave ? "xsave" : "fxsave",
		(unsigned long)(use_xsave ? xcr0 : XCR0_X87 | XCR0_SSE));
	if (use_xsave)
		return;
	write_cr4(read_cr4() & ~CR4_OSXSAVE);
}

int arch_vcpu_init(struct vcpu *v)
{
	mfn_t mfn = frame_alloc(OWNER_HV);
	uint8_t *area;

	if (mfn == INVALID_MFN)
		return -ENOMEM;
	mfn_to_page(mfn)->type = PGT_HV;
	area = mfn_to_virt(mfn);
	/* The initial state: x87 control word 0x37f, MXCSR 0x1f80, XSAVE header 0. */
	area[0] = 0x7f;
	area[1] = 0x03;
	*(uint32_t *)(area + FXSAVE_MXCSR) = 0x1f80;
	v->fpu_area = area;
	return 0;
}

void arch_vcpu_free(struct vcpu *v)
{
	if (v->fpu_area)
		frame_free(virt_to_mfn(v->fpu_area));
	v->fpu_area = NULL;
}

void arch_vcpu_save(struct vcpu *v)
{
	if (use_xsave)
		asm volatile("xsave64 (%0)" : : "r"(v->fpu_area), "a"((uint32_t)xcr0),
			     "d"((uint32_t)(xcr0 >> 32)) : "memory");
	else
		asm volatile("fxsave64 (%0)" : : "r"(v->fpu_area) : "memory");
}

void arch_vcpu_restore(struct vcpu *v)
{
	if (use_xsave)
		asm volatile("xrstor64 (%0)" : : "r"(v->fpu_area), "a"((uint32_t)xcr0),
			     "d"((uint32_t)(xcr0 >> 32)) : "memory");
	else
		asm volatile("fxrstor64 (%0)" : : "r"(v->fpu_area) : "memory");
	write_cr3(v->cr3_mfn << PAGE_SHIFT);
	time_update_vcpu(v);
}
