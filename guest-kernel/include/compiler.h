/* SPDX-License-Identifier: MIT */
/* Compiler attributes and small helpers every guest-kernel file uses. */
#ifndef SHALE_GUEST_COMPILER_H
#define SHALE_GUEST_COMPILER_H

#define __noreturn	__attribute__((noreturn))
#define __aligned(n)	__attribute__((aligned(n)))
#define __packed	__attribute__((packed))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely(x)	__builtin_expect(!!(x), 1)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#endif /* SHALE_GUEST_COMPILER_H */
