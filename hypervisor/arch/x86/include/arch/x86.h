/* SPDX-License-Identifier: MIT */
/* x86 architectural constants: control registers, MSRs, flags, selectors. */
#ifndef SHALE_ARCH_X86_X86_H
#define SHALE_ARCH_X86_X86_H

#define CR0_PE		(1 << 0)
#define CR0_MP		(1 << 1)
#define CR0_EM		(1 << 2)
#define CR0_TS		(1 << 3)
#define CR0_NE		(1 << 5)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)

#define CR4_PAE		(1 << 5)
#define CR4_PGE		(1 << 7)
#define CR4_OSFXSR	(1 << 9)
#define CR4_OSXMMEXCPT	(1 << 10)
#define CR4_OSXSAVE	(1 << 18)
#define CR4_SMEP	(1 << 20)
#define CR4_SMAP	(1 << 21)

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_CSTAR		0xc0000083
#define MSR_SFMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_APIC_BASE		0x1b

#define EFER_SCE	(1 << 0)
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

#define X86_EFLAGS_CF	0x00000001
#define X86_EFLAGS_MBS	0x00000002	/* always set */
#define X86_EFLAGS_TF	0x00000100
#define X86_EFLAGS_IF	0x00000200
#define X86_EFLAGS_DF	0x00000400
#define X86_EFLAGS_IOPL	0x00003000
#define X86_EFLAGS_NT	0x00004000
#define X86_EFLAGS_RF	0x00010000
#define X86_EFLAGS_VM	0x00020000
#define X86_EFLAGS_AC	0x00040000
#define X86_EFLAGS_VIF	0x00080000
#define X86_EFLAGS_VIP	0x00100000

/* GDT layout; the order of the ring-3 entries is fixed by sysret. */
#define HV_CS		0x08
#define HV_DS		0x10
#define GUEST_CS32	0x18	/* unused, sysret's base */
#define GUEST_DS	0x20
#define GUEST_CS64	0x28
#define TSS_SEL		0x30
#define GDT_ENTRIES	8	/* the TSS takes two */

/* Vectors */
#define VEC_DE		0
#define VEC_DB		1
#define VEC_NMI		2
#define VEC_BP		3
#define VEC_OF		4
#define VEC_UD		6
#define VEC_NM		7
#define VEC_DF		8
#define VEC_TS		10
#define VEC_NP		11
#define VEC_SS		12
#define VEC_GP		13
#define VEC_PF		14
#define VEC_MC		18
#define VEC_TIMER	0xf0
#define VEC_SPURIOUS	0xff
#define VEC_HYPERCALL	0x100	/* pseudo-vector for frames built by syscall */
#define VEC_IRET_RETURN	0x101	/* a hypercall frame that must leave through iretq */

#endif /* SHALE_ARCH_X86_X86_H */
