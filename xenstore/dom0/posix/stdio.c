/* SPDX-License-Identifier: MIT */
/* The shim's stdio: guest-kernel's formatter; stdout and stderr go to the console. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <console.h>

struct posix_file {
	int unused;
};

static struct posix_file console_stream;

FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	/* The caller vouches for the room, as sprintf() always asks. */
	return vsnprintf(buf, SIZE_MAX / 2, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	if (f != &console_stream) {
		errno = EBADF;
		return -1;
	}
	return vprintf(fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int fputs(const char *s, FILE *f)
{
	if (f != &console_stream) {
		errno = EBADF;
		return EOF;
	}
	return console_puts(s) < 0 ? EOF : 0;
}

int puts(const char *s)
{
	if (console_puts(s) < 0 || console_puts("\n") < 0)
		return EOF;
	return 0;
}

int fflush(FILE *f)
{
	return 0;
}
