/* SPDX-License-Identifier: MIT */
/*
 * Formatted output: one formatter (lib/printf.c) behind snprintf-style
 * functions and the console's printf (console.c).
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%, with the length modifiers hh,
 * h, l, ll, z; flags '-' (left-justify), '0' (zero-pad) and '#' (0x before
 * %x, 0 before %o); a width (digits or '*'); a precision for %s (digits or
 * '*'). %p prints 0x and the hex value. An unknown conversion is printed
 * as is, so a bad format shows up in the output instead of eating
 * arguments silently.
 */
#ifndef SHALE_GUEST_PRINTF_H
#define SHALE_GUEST_PRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include "compiler.h"

/* Receives each piece of formatted output, in order. */
typedef void (*format_emit_fn)(void *ctx, const char *s, size_t len);

/* Formats to emit; returns the number of characters produced. */
int vformat(format_emit_fn emit, void *ctx, const char *fmt, va_list ap);

/*
 * Format into buf, writing at most size bytes including the NUL (nothing
 * when size is 0). Return the length the full output has: a result >= size
 * means it was truncated.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Format to the console (defined in console.c; output of any length, sent
 * in chunks). Return the number of characters formatted.
 */
int vprintf(const char *fmt, va_list ap);
int printf(const char *fmt, ...) __printf(1, 2);

#endif /* SHALE_GUEST_PRINTF_H */
