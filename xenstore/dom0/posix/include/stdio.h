/* SPDX-License-Identifier: MIT */
/*
 * <stdio.h> for code built on dom0's POSIX shim: formatting into buffers
 * (guest-kernel's formatter) and text to the console. There are no
 * FILE streams on files: stdout and stderr are the console and nothing
 * else can be opened as a FILE.
 */
#ifndef SHALE_POSIX_STDIO_H
#define SHALE_POSIX_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF		(-1)
#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

typedef struct posix_file FILE;

extern FILE *const stdout;
extern FILE *const stderr;

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Unbounded: only for buffers known to be big enough (LMDB's debug text). */
int vsprintf(char *buf, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int vprintf(const char *fmt, va_list ap);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* To the console for stdout and stderr; -1 (EBADF) for anything else. */
int vfprintf(FILE *f, const char *fmt, va_list ap);
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fputs(const char *s, FILE *f);
int puts(const char *s);
/* Console output is unbuffered: nothing to flush. */
int fflush(FILE *f);

#endif /* SHALE_POSIX_STDIO_H */
