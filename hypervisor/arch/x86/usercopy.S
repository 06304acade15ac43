/* SPDX-License-Identifier: MIT */
/*
 * raw_copy_guest(dst, src, n): the one place the hypervisor touches guest
 * memory. Called by copy_from_guest()/copy_to_guest() after they checked
 * the range is guest address space; a fault on an unmapped or read-only
 * page lands in the exception table and returns the bytes left uncopied.
 * Returns 0 when everything was copied. With SMAP on, user pages are
 * reachable only between stac and clac. Eight bytes at a time, then the
 * tail byte by byte.
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

/* A fault among the quadwords: what is left is rcx quads plus the tail. */
.Lquads_fault:
	leaq (%rdx, %rcx, 8), %rcx
	jmp .Lcopy_end

	.section .ex_table, "a"
	.balign 8
	.quad .Lcopy_quads, .Lquads_fault
	.quad .Lcopy_bytes, .Lcopy_end
