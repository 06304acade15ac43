/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's log: printk() with a level, kept in a ring buffer (read
 * back by dmesg) and written to the console when the level passes loglvl.
 */
#ifndef SHALE_HV_PRINTK_H
#define SHALE_HV_PRINTK_H

#include <stdarg.h>
#include "types.h"

enum log_level {
	LOG_ERR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

/* Messages at or below this level reach the console (default LOG_INFO). */
extern enum log_level console_loglvl;

void printk(enum log_level lvl, const char *fmt, ...) __printf(2, 3);
void vprintk(enum log_level lvl, const char *fmt, va_list ap);

#define pr_err(...)	printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	printk(LOG_WARN, __VA_ARGS__)
#define pr_info(...)	printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	printk(LOG_DEBUG, __VA_ARGS__)

/* Raw output, no level, no prefix: guest console text and panic dumps. */
void console_puts(const char *s, size_t len);

/* Parses "error", "warning", "info", "debug" (or 0-3); -EINVAL otherwise. */
int loglvl_parse(const char *name, enum log_level *out);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

#define ASSERT(cond) do { \
	if (unlikely(!(cond))) \
		panic("assertion '%s' failed at %s:%d", #cond, __FILE__, __LINE__); \
} while (0)

#endif /* SHALE_HV_PRINTK_H */
