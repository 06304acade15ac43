/* SPDX-License-Identifier: MIT */
/* printk: leveled, prefixed log lines into the log ring and the console. */
#include <stdarg.h>
#include <string.h>
#include "console.h"
#include "printk.h"

enum log_level console_loglvl = LOG_INFO;

static const char *const level_names[] = { "error", "warning", "info", "debug" };

int loglvl_parse(const char *name, enum log_level *out)
{
	for (unsigned i = 0; i < ARRAY_SIZE(level_names); i++) {
		if (!strcmp(name, level_names[i]) || (name[0] == '0' + (char)i && !name[1])) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	return -EINVAL;
}

void vprintk(enum log_level lvl, const char *fmt, va_list ap)
{
	char line[512];
	int n;

	memcpy(line, "(HV) ", 5);
	n = vsnprintf(line + 5, sizeof(line) - 5, fmt, ap);
	n = MIN((size_t)n + 5, sizeof(line) - 1);
	console_ring_append(line, n);
	if (lvl <= console_loglvl) {
		console_start_line(CONSOLE_WRITER_HV);
		console_puts(line, n);
		console_end_text(CONSOLE_WRITER_HV, line, n);
	}
}

void printk(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(lvl, fmt, ap);
	va_end(ap);
}
