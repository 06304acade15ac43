/* SPDX-License-Identifier: MIT */
/*
 * Console output through console_io(SHALE_CONSOLEIO_write): the only
 * output a test kernel has, read by the runner from the serial line.
 */
#ifndef SHALE_XT_CONSOLE_H
#define SHALE_XT_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Formats like C's vsnprintf for the subset %d %i %u %x %X %p %s %c %%
 * with flags '-' and '0', a width (or *) and the length modifiers l, ll,
 * z. Returns the length the full output would have had.
 */
int xt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int xt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes len bytes; returns console_io's result (len or -SHALE_E*). */
long xt_write(const char *s, size_t len);
/* Formats and writes (at most 512 bytes per call). */
void xt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xt_vprintf(const char *fmt, va_list ap);

#endif /* SHALE_XT_CONSOLE_H */
