/* SPDX-License-Identifier: MIT */
/*
 * Checked access to guest memory. The hypervisor never dereferences a guest
 * pointer: it copies the bytes in once, validates the copy and acts on it.
 */
#ifndef SHALE_HV_GUEST_ACCESS_H
#define SHALE_HV_GUEST_ACCESS_H

#include <public/arch-x86_64.h>
#include "types.h"

size_t raw_copy_guest(void *dst, const void *src, size_t n);
size_t raw_copy_guest_4(void *dst, const void *src);
size_t raw_copy_guest_8(void *dst, const void *src);

/* One load and one store for the common 4- and 8-byte arguments (usercopy.S). */
static inline size_t copy_guest_checked_range(void *dst, const void *src, size_t n)
{
	if (__builtin_constant_p(n) && n == 4)
		return raw_copy_guest_4(dst, src);
	if (__builtin_constant_p(n) && n == 8)
		return raw_copy_guest_8(dst, src);
	return raw_copy_guest(dst, src, n);
}

/* True when va is canonical (bits 63-47 all equal). */
static inline bool is_canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

/*
 * True when [addr, addr + n) lies wholly in address space a guest may map.
 * Both guest ranges are canonical, so this implies is_canonical(addr).
 */
static inline bool guest_range_ok(uint64_t addr, size_t n)
{
	uint64_t end = addr + n;

	if (end < addr)
		return false;
	if (end <= SHALE_GUEST_LOW_END)
		return true;
	return addr >= SHALE_HYPERVISOR_VIRT_END && end <= SHALE_HYPERVISOR_IMAGE_START;
}

/* Copies n bytes from the guest; 0, or -EFAULT if any byte is not readable. */
static inline int copy_from_guest(void *dst, uint64_t src, size_t n)
{
	if (!guest_range_ok(src, n))
		return -EFAULT;
	return copy_guest_checked_range(dst, (const void *)src, n) ? -EFAULT : 0;
}

/* Copies n bytes to the guest; 0, or -EFAULT if any byte is not writable. */
static inline int copy_to_guest(uint64_t dst, const void *src, size_t n)
{
	if (!guest_range_ok(dst, n))
		return -EFAULT;
	return copy_guest_checked_range((void *)dst, src, n) ? -EFAULT : 0;
}

#endif /* SHALE_HV_GUEST_ACCESS_H */
