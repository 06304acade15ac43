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
/*
 * Each argument is evaluated once: MIN(len, room()) must not read a ring
 * index twice, since the other side may move it between the reads.
 */
#define MIN(a, b)	({ __auto_type _min_a = (a); __auto_type _min_b = (b); \
			   _min_a < _min_b ? _min_a : _min_b; })
#define MAX(a, b)	({ __auto_type _max_a = (a); __auto_type _max_b = (b); \
			   _max_a > _max_b ? _max_a : _max_b; })

#endif /* SHALE_GUEST_COMPILER_H */
