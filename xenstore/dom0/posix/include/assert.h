/* SPDX-License-Identifier: MIT */
/*
 * <assert.h> for code built on dom0's POSIX shim: a failed assertion
 * prints the expression and where, then crashes dom0 (abort()). NDEBUG
 * turns assert() into nothing, as usual.
 */
#ifndef SHALE_POSIX_ASSERT_H
#define SHALE_POSIX_ASSERT_H

__attribute__((noreturn)) void posix_assert_fail(const char *expr, const char *file,
						 int line, const char *func);

#endif /* SHALE_POSIX_ASSERT_H */

/* Outside the guard: each inclusion follows the NDEBUG of its place, as C says. */
#undef assert
#ifdef NDEBUG
#define assert(expr)	((void)0)
#else
#define assert(expr)	\
	((expr) ? (void)0 : posix_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif
