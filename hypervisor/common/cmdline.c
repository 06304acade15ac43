/* SPDX-License-Identifier: MIT */
/* Hypervisor command-line parsing into a table of known options. */
#include <stdbool.h>
#include <string.h>
#include "cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static int digit_value(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

/*
 * Reads a decimal or 0x-hex number from the start of s[0..len) and stores
 * in *used how many characters it took. Fails on no digits or overflow.
 * Hex digits are taken greedily, as Xen's parser does, which is why a size
 * "0x1b" means 0x1b KiB and not one byte.
 */
static bool parse_number(const char *s, size_t len, size_t *used, uint64_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	size_t i = 0, first;
	int d;

	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (first = i; i < len; i++) {
		d = digit_value(s[i], base);
		if (d < 0)
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	if (i == first)
		return false;
	*used = i;
	*out = v;
	return true;
}

static const char *parse_uint(const char *s, size_t len, uint64_t *out)
{
	size_t used;

	if (!parse_number(s, len, &used, out) || used != len)
		return "bad number";
	return NULL;
}

/* Returns the shift of a size suffix (B, K, M, G, T in either case), or -1. */
static int suffix_shift(char c)
{
	static const char units[] = "bkmgt";
	unsigned int i;

	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	for (i = 0; units[i]; i++)
		if (units[i] == c)
			return (int)(10 * i);
	return -1;
}

/* A bare number counts in KiB, as on Xen's command line. */
static const char *parse_size(const char *s, size_t len, uint64_t *out)
{
	size_t used;
	uint64_t v;
	int shift = 10;

	if (!parse_number(s, len, &used, &v))
		return "bad size";
	if (used + 1 == len)
		shift = suffix_shift(s[used]);
	else if (used != len)
		return "bad size";
	if (shift < 0 || v > (UINT64_MAX >> shift))
		return "bad size";
	*out = v << shift;
	return NULL;
}

static bool word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

static const char *parse_bool(const char *s, size_t len, bool *out)
{
	if (word_is(s, len, "1") || word_is(s, len, "yes") || word_is(s, len, "on") ||
	    word_is(s, len, "true")) {
		*out = true;
		return NULL;
	}
	if (word_is(s, len, "0") || word_is(s, len, "no") || word_is(s, len, "off") ||
	    word_is(s, len, "false")) {
		*out = false;
		return NULL;
	}
	return "bad boolean";
}

/*
 * Parses into a local first and stores only on success, so a bad value
 * leaves the option as it was. val is NULL when the word had no "=".
 */
static const char *set_option(const struct cmdline_option *opt, const char *val, size_t len)
{
	const char *why;
	uint64_t num;
	bool flag = true;

	if (!val && opt->type != CMDLINE_BOOL)
		return "missing value";
	switch (opt->type) {
	case CMDLINE_STRING:
		/* Truncating would silently change what the user asked for. */
		if (len >= opt->size)
			return "value too long";
		memcpy(opt->value, val, len);
		((char *)opt->value)[len] = '\0';
		return NULL;
	case CMDLINE_UINT:
	case CMDLINE_SIZE:
		if (opt->type == CMDLINE_UINT)
			why = parse_uint(val, len, &num);
		else
			why = parse_size(val, len, &num);
		if (!why)
			*(uint64_t *)opt->value = num;
		return why;
	case CMDLINE_BOOL:
		why = val ? parse_bool(val, len, &flag) : NULL;
		if (!why)
			*(bool *)opt->value = flag;
		return why;
	}
	return "bad option type";
}

static const struct cmdline_option *find_option(const struct cmdline_option *opts,
						size_t nr_opts, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < nr_opts; i++)
		if (word_is(name, len, opts[i].name))
			return &opts[i];
	return NULL;
}

/* Handles one word; returns the problem with it, or NULL. */
static const char *parse_word(const char *word, size_t len, const struct cmdline_option *opts,
			      size_t nr_opts)
{
	const struct cmdline_option *opt;
	size_t name_len = 0;

	while (name_len < len && word[name_len] != '=')
		name_len++;
	opt = find_option(opts, nr_opts, word, name_len);
	if (!opt)
		return "unknown option";
	if (name_len == len)
		return set_option(opt, NULL, 0);
	return set_option(opt, word + name_len + 1, len - name_len - 1);
}

int cmdline_parse(const char *cmdline, const struct cmdline_option *opts, size_t nr_opts,
		  cmdline_report_fn report, void *ctx)
{
	const char *p = cmdline ? cmdline : "";
	const char *word, *why;
	size_t len;
	int problems = 0;

	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			return problems;
		word = p;
		while (*p && !is_space(*p))
			p++;
		len = (size_t)(p - word);
		why = parse_word(word, len, opts, nr_opts);
		if (why) {
			problems++;
			if (report)
				report(ctx, word, len, why);
		}
	}
}
