/* SPDX-License-Identifier: MIT */
/*
 * What the xenstore-* host tools share: connecting with a clear message,
 * reporting failed calls, printing values with unprintable bytes escaped.
 */
#ifndef SHALE_XENSTORE_TOOL_H
#define SHALE_XENSTORE_TOOL_H

#include <stdbool.h>
#include <stdio.h>

#include "xs.h"

/* The program name for messages, set by tool_init(). */
extern const char *tool_name;

void tool_init(const char *argv0);

/* Connects to the store ($XENSTORED_PATH or the default socket); exits 1 on failure. */
struct xs_handle *tool_open(void);

/* Prints "NAME: what PATH: strerror(errno)" to stderr. */
void tool_error(const char *what, const char *path);

/* Prints "NAME: message" and the usage line to stderr, then exits 2. */
void tool_usage(const char *usage, const char *message);

/*
 * Writes len bytes of value to out with backslash and unprintable bytes
 * escaped as Xen's tools do: \\, \n, \r, \t, bytes below 8 in octal
 * (\001), every other one in hex (\x1b, \xc3).
 */
void tool_print_value(FILE *out, const char *value, unsigned int len);

#endif /* SHALE_XENSTORE_TOOL_H */
