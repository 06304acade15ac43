/* SPDX-License-Identifier: MIT */
/*
 * raw_copy_guest(dst, src, n): the one place the hypervisor touches guest
 * memory. Called by copy_from_guest()/copy_to_guest() after they checked
 * the range is guest address space; a fault on an unmapped or read-only
 * page lands in the exception table and returns the bytes left uncopied.
 * Returns 0 when everything was copied. With SMAP on, user pages are
 * reachable only between stac and clac. Eight bytes at a time, then the
 * tail byte by byte.
 *
 * raw_copy_guest_4(dst, src) and raw_copy_guest_8(dst, src): the same for
 * exactly 4 or 8 bytes with one load and one store (a port number, a
 * pointer: the most frequent arguments). Under TCG every iteration of a
 * string instruction costs about as much as a short hypercall path, so
 * this saves about 200 cycles on a 4-byte argument. Either access may be
 * the guest's; a fault on it returns the size, nothing was written then.
 */
	.text
	.globl raw_copy_guest
	.type raw_copy_guest, @function
raw_copy_guest:
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
	testb $1, cpu_smap_enabled(%rip)
	jz 1f
	stac
1:
.Lcopy_quads:
	rep movsq
	movq %rdx, %rcx
.Lcopy_bytes:
	rep movsb
.Lcopy_end:
	testb $1, cpu_smap_enabled(%rip)
	jz 2f
	clac
2:	movq %rcx, %rax
	ret

.macro SMALL_COPY name, size, reg
	.globl \name
	.type \name, @function
\name:
	testb $1, cpu_smap_enabled(%rip)
	jz 1f
	stac
1:
.L\name\()_load:
	mov (%rsi), \reg
.L\name\()_store:
	mov \reg, (%rdi)
	xorl %eax, %eax
.L\name\()_end:
	testb $1, cpu_smap_enabled(%rip)
	jz 2f
	clac
2:	ret
.L\name\()_fault:
	movl $\size, %eax
	jmp .L\name\()_end

	.section .ex_table, "a"
	.balign 8
	.quad .L\name\()_load, .L\name\()_fault
	.quad .L\name\()_store, .L\name\()_fault
	.text
.endm

	SMALL_COPY raw_copy_guest_4, 4, %ecx
	SMALL_COPY raw_copy_guest_8, 8, %rcx

/* A fault among the quadwords: what is left is rcx quads plus the tail. */
.Lquads_fault:
	leaq (%rdx, %rcx, 8), %rcx
	jmp .Lcopy_end

	.section .ex_table, "a"
	.balign 8
	.quad .Lcopy_quads, .Lquads_fault
	.quad .Lcopy_bytes, .Lcopy_end
