/* SPDX-License-Identifier: MIT */
/* Basic types and helpers every hypervisor file uses. */
#ifndef SHALE_HV_TYPES_H
#define SHALE_HV_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/shale.h>
#include <public/errno.h>

typedef uint64_t paddr_t;
typedef uint64_t mfn_t;

/* Hypervisor code returns -E* like the ABI; the public names stay prefixed. */
#define EPERM		SHALE_EPERM
#define ENOENT		SHALE_ENOENT
#define ESRCH		SHALE_ESRCH
#define E2BIG		SHALE_E2BIG
#define ENOEXEC		SHALE_ENOEXEC
#define EAGAIN		SHALE_EAGAIN
#define ENOMEM		SHALE_ENOMEM
#define EFAULT		SHALE_EFAULT
#define EBUSY		SHALE_EBUSY
#define EEXIST		SHALE_EEXIST
#define EINVAL		SHALE_EINVAL
#define ENOSPC		SHALE_ENOSPC
#define ERANGE		SHALE_ERANGE
#define ENOSYS		SHALE_ENOSYS

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096UL
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ROUND_UP(x, a)	(((x) + (a) - 1) & ~((uint64_t)(a) - 1))
#define ROUND_DOWN(x, a)	((x) & ~((uint64_t)(a) - 1))
/*
 * Each argument is evaluated once: MIN(len, room()) must not read a ring
 * index twice, since the other side may move it between the reads.
 */
#define MIN(a, b)	({ __auto_type _min_a = (a); __auto_type _min_b = (b); \
			   _min_a < _min_b ? _min_a : _min_b; })
#define MAX(a, b)	({ __auto_type _max_a = (a); __auto_type _max_b = (b); \
			   _max_a > _max_b ? _max_a : _max_b; })

#define __noreturn	__attribute__((noreturn))
#define __aligned(n)	__attribute__((aligned(n)))
#define __packed	__attribute__((packed))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely(x)	__builtin_expect(!!(x), 1)

#endif /* SHALE_HV_TYPES_H */
