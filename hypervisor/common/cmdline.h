/* SPDX-License-Identifier: MIT */
/*
 * Hypervisor command-line parsing: "name=value name2 ..." into a table of
 * known options. Pure logic, built for the host tests too.
 */
#ifndef SHALE_COMMON_CMDLINE_H
#define SHALE_COMMON_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cmdline_type {
	CMDLINE_STRING,	/* value: char[size], always NUL-terminated */
	CMDLINE_UINT,	/* value: uint64_t; decimal or 0x-hex */
	CMDLINE_SIZE,	/* value: uint64_t bytes; suffix B, K, M, G or T, default K */
	CMDLINE_BOOL,	/* value: bool; bare name, 1/0, yes/no, on/off, true/false */
};

struct cmdline_option {
	const char *name;
	enum cmdline_type type;
	void *value;
	size_t size;	/* capacity of a CMDLINE_STRING value, including the NUL */
};

/*
 * Called once per problem: option points at the offending word (not
 * NUL-terminated; option_len bytes), problem says what is wrong
 * ("unknown option", "bad number", "value too long", ...).
 */
typedef void (*cmdline_report_fn)(void *ctx, const char *option, size_t option_len,
				  const char *problem);

/*
 * Parses cmdline (NULL counts as empty) against opts. Every word that is
 * not a known option, or whose value does not parse, is reported and
 * leaves the option's value untouched. Returns the number of problems.
 */
int cmdline_parse(const char *cmdline, const struct cmdline_option *opts, size_t nr_opts,
		  cmdline_report_fn report, void *ctx);

#endif /* SHALE_COMMON_CMDLINE_H */
