/* SPDX-License-Identifier: MIT */
/* The xl.cfg-subset parser: lexer, statements, key handlers, disk and vif specs. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <public/errno.h>
#include "config.h"

#define QUOTE_MAX	40	/* longest text quoted in a message before "..." */

struct pos {
	unsigned int line, col;
};

/*
 * A scalar as the lexer saw it. A string stays a span of the text and is
 * decoded only by the handler that keeps it, so no scratch buffer is needed.
 */
struct value {
	bool is_string;
	struct pos at;		/* the opening quote, or the first character of a number */
	const char *raw;	/* string: the bytes between the quotes */
	size_t raw_len;
	size_t len;		/* string: length once escapes are decoded */
	bool escaped;		/* string: has escapes, so offsets no longer map to columns */
	int64_t number;
};

enum key_id {
	K_NAME, K_TYPE, K_MEMORY, K_MAXMEM, K_VCPUS, K_MAXVCPUS, K_KERNEL, K_RAMDISK,
	K_CMDLINE, K_EXTRA, K_ROOT, K_ON_POWEROFF, K_ON_REBOOT, K_ON_CRASH,
	K_CPU_WEIGHT, K_CAP, K_DISK, K_VIF, NR_KEYS
};

enum key_kind { KEY_STRING, KEY_NUMBER, KEY_LIST };

/* The slot of cmdline, extra or root in parser.kept. */
#define KEPT(id)	((id) - K_CMDLINE)
_Static_assert(K_EXTRA == K_CMDLINE + 1 && K_ROOT == K_CMDLINE + 2, "kept[] order");

struct parser {
	const char *text;
	size_t len;
	size_t pos;
	struct pos at;			/* position of text[pos] */
	const char *file;
	struct domain_config *cfg;
	struct cfg_error *err;
	bool seen[NR_KEYS];
	struct pos where[NR_KEYS];	/* the value of each key's last setting */
	struct value kept[3];		/* cmdline, extra, root (see KEPT), combined last */
	char spill[CFG_WARNING_MAX];	/* where warnings past the table go */
};

struct key {
	const char *name;
	enum key_kind kind;
	/* Called with the value, or once per element of a list. Returns 0 or -1. */
	int (*set)(struct parser *p, enum key_id id, const struct value *v);
	int64_t min, max;		/* KEY_NUMBER: the accepted range */
	const char *unit;		/* KEY_NUMBER: said after the range in messages */
};

/* ---- messages ---------------------------------------------------------- */

/* A bounded string builder: output past the buffer is cut and ends in "...". */
struct msg {
	char *buf;
	size_t size, len;
	bool cut;
};

static void msg_bytes(struct msg *m, const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (m->len + 1 >= m->size) {
			m->cut = true;
			return;
		}
		m->buf[m->len++] = *s;
	}
}

static void msg_str(struct msg *m, const char *s)
{
	msg_bytes(m, s, strlen(s));
}

static void msg_uint(struct msg *m, uint64_t v)
{
	char digits[20];
	size_t n = 0;

	do {
		digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	msg_bytes(m, digits + sizeof(digits) - n, n);
}

static void msg_int(struct msg *m, int64_t v)
{
	if (v < 0) {
		msg_str(m, "-");
		msg_uint(m, (uint64_t)0 - (uint64_t)v);
	} else {
		msg_uint(m, (uint64_t)v);
	}
}

/* 'text' with control and non-ASCII bytes as \xNN, long text cut to "...". */
static void msg_quoted(struct msg *m, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	msg_str(m, "'");
	for (i = 0; i < n && i < QUOTE_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

		if (c >= 0x20 && c < 0x7f)
			msg_bytes(m, s + i, 1);
		else
			msg_bytes(m, esc, 4);
	}
	msg_str(m, n > QUOTE_MAX ? "...'" : "'");
}

/* "found 'x'", "found end of line" or "found end of file" for a peeked byte. */
static void msg_found(struct msg *m, int c)
{
	char ch = (char)c;

	msg_str(m, "found ");
	if (c < 0)
		msg_str(m, "end of file");
	else if (c == '\n')
		msg_str(m, "end of line");
	else
		msg_quoted(m, &ch, 1);
}

static void msg_end(struct msg *m)
{
	m->buf[m->len] = '\0';
	if (m->cut && m->size >= 4)
		memcpy(m->buf + m->size - 4, "...", 4);
}

static struct msg msg_start(const struct parser *p, char *buf, size_t size, struct pos at,
			    const char *severity)
{
	struct msg m = { .buf = buf, .size = size };

	msg_str(&m, p->file);
	msg_str(&m, ":");
	msg_uint(&m, at.line);
	msg_str(&m, ":");
	msg_uint(&m, at.col);
	msg_str(&m, ": ");
	msg_str(&m, severity);
	msg_str(&m, ": ");
	return m;
}

/* Starts the one error message; finish it with fail(). */
static struct msg error_at(struct parser *p, struct pos at)
{
	p->err->line = at.line;
	p->err->column = at.col;
	return msg_start(p, p->err->message, sizeof(p->err->message), at, "error");
}

static int fail(struct msg *m)
{
	msg_end(m);
	return -1;
}

static int fail_with(struct parser *p, struct pos at, const char *text)
{
	struct msg m = error_at(p, at);

	msg_str(&m, text);
	return fail(&m);
}

/* Starts a warning in the next free slot; finish it with msg_end(). */
static struct msg warning_at(struct parser *p, struct pos at)
{
	struct domain_config *cfg = p->cfg;
	unsigned int i = cfg->nr_warnings;

	if (i < CFG_MAX_WARNINGS) {
		cfg->nr_warnings++;
		return msg_start(p, cfg->warnings[i], CFG_WARNING_MAX, at, "warning");
	}
	cfg->nr_warnings_dropped++;
	return msg_start(p, p->spill, sizeof(p->spill), at, "warning");
}

/* ---- lexer ------------------------------------------------------------- */

static int peek(const struct parser *p)
{
	return p->pos < p->len ? (unsigned char)p->text[p->pos] : -1;
}

static void advance(struct parser *p)
{
	if (p->pos >= p->len)
		return;
	if (p->text[p->pos] == '\n') {
		p->at.line++;
		p->at.col = 1;
	} else {
		p->at.col++;
	}
	p->pos++;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident(int c)
{
	return is_ident_start(c) || is_digit(c);
}

static int digit_value(int c, unsigned int base)
{
	int d = -1;

	if (is_digit(c))
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	return d >= 0 && (unsigned int)d < base ? d : -1;
}

static void skip_blanks(struct parser *p)
{
	while (peek(p) == ' ' || peek(p) == '\t' || peek(p) == '\r')
		advance(p);
}

/* A '#' comment runs to the end of the line (the newline is left). */
static void skip_comment(struct parser *p)
{
	if (peek(p) != '#')
		return;
	while (peek(p) >= 0 && peek(p) != '\n')
		advance(p);
}

/* Blanks, comments and newlines: the space between statements and list elements. */
static void skip_space(struct parser *p)
{
	for (;;) {
		skip_blanks(p);
		skip_comment(p);
		if (peek(p) != '\n')
			return;
		advance(p);
	}
}

/* Does the text at the cursor read "IDENT =", the start of a statement? */
static bool at_statement(const struct parser *p)
{
	size_t i = p->pos;

	while (i < p->len && is_ident((unsigned char)p->text[i]))
		i++;
	while (i < p->len && (p->text[i] == ' ' || p->text[i] == '\t'))
		i++;
	return i < p->len && p->text[i] == '=';
}

static int unterminated_string(struct parser *p, const struct value *v, int quote, int c)
{
	struct msg m = error_at(p, v->at);

	msg_str(&m, quote == '"' ? "unterminated string: missing closing '\"' before "
				 : "unterminated string: missing closing \"'\" before ");
	msg_str(&m, c < 0 ? "the end of the file" : "the end of the line");
	return fail(&m);
}

static int lex_string(struct parser *p, struct value *v)
{
	int quote = peek(p);

	*v = (struct value){ .is_string = true, .at = p->at };
	advance(p);
	v->raw = p->text + p->pos;
	for (;;) {
		int c = peek(p);

		if (c < 0 || c == '\n')
			return unterminated_string(p, v, quote, c);
		if (c == quote)
			break;
		if (c == '\0')
			return fail_with(p, p->at, "NUL byte inside a string");
		if (c == '\\') {
			struct pos backslash = p->at;

			advance(p);
			c = peek(p);
			if (c < 0 || c == '\n')
				return unterminated_string(p, v, quote, c);
			if (c == '\0' || !memchr("\\\"'nt", c, 5)) {
				struct msg m = error_at(p, backslash);
				char esc[2] = { '\\', (char)c };

				msg_str(&m, "unknown escape ");
				msg_quoted(&m, esc, 2);
				msg_str(&m, " in string (expected \\\\, \\\", \\', \\n or \\t)");
				return fail(&m);
			}
			v->escaped = true;
		}
		v->len++;
		advance(p);
	}
	v->raw_len = (size_t)(p->text + p->pos - v->raw);
	advance(p);
	return 0;
}

/* Copies the decoded string into dst (size bytes, always NUL-terminated). */
static void decode(const struct value *v, char *dst, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < v->raw_len && n + 1 < size; i++) {
		char c = v->raw[i];

		if (c == '\\' && i + 1 < v->raw_len) {
			c = v->raw[++i];
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
		}
		dst[n++] = c;
	}
	dst[n] = '\0';
}

/* Decimal, 0-octal or 0x-hex, with an optional minus; must fit in int64_t. */
static int lex_number(struct parser *p, struct value *v)
{
	bool neg = false, overflow = false;
	unsigned int base = 10;
	uint64_t mag = 0;
	struct msg m;
	int c, d;

	*v = (struct value){ .at = p->at };
	if (peek(p) == '-') {
		neg = true;
		advance(p);
		if (!is_digit(peek(p)))
			goto expected_digit;
	}
	if (peek(p) == '0') {
		advance(p);
		base = 8;
		if (peek(p) == 'x' || peek(p) == 'X') {
			base = 16;
			advance(p);
			if (digit_value(peek(p), 16) < 0)
				goto expected_digit;
		}
	}
	while ((d = digit_value(peek(p), base)) >= 0) {
		if (mag > (UINT64_MAX - (unsigned int)d) / base)
			overflow = true;
		else
			mag = mag * base + (unsigned int)d;
		advance(p);
	}
	c = peek(p);
	if (is_ident(c) || c == '.') {
		char ch = (char)c;

		m = error_at(p, p->at);
		msg_str(&m, base == 8 && is_digit(c) ? "invalid digit " : "invalid character ");
		msg_quoted(&m, &ch, 1);
		msg_str(&m, base == 8 && is_digit(c) ? " in octal number (a leading 0 means octal)"
						      : " in number");
		return fail(&m);
	}
	if (overflow || mag > (uint64_t)INT64_MAX + neg)
		return fail_with(p, v->at, "number too large (must fit in 64 bits, signed)");
	v->number = neg && mag ? -(int64_t)(mag - 1) - 1 : (int64_t)mag;
	return 0;

expected_digit:
	m = error_at(p, p->at);
	msg_str(&m, base == 16 ? "expected a hex digit after '0x', "
			       : "expected a digit after '-', ");
	msg_found(&m, peek(p));
	return fail(&m);
}

/* ---- key handlers ------------------------------------------------------ */

static const char *const action_names[CFG_NR_ACTIONS] = {
	[CFG_ACTION_DESTROY] = "destroy",
	[CFG_ACTION_RESTART] = "restart",
	[CFG_ACTION_RENAME_RESTART] = "rename-restart",
	[CFG_ACTION_PRESERVE] = "preserve",
	[CFG_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
	[CFG_ACTION_COREDUMP_RESTART] = "coredump-restart",
};

static const char *const format_names[CFG_NR_DISK_FORMATS] = {
	[CFG_DISK_RAW] = "raw", [CFG_DISK_QCOW] = "qcow", [CFG_DISK_QCOW2] = "qcow2",
	[CFG_DISK_VHD] = "vhd", [CFG_DISK_QED] = "qed",
};

static const struct key keys[NR_KEYS];

/* Index of the n-byte word s in names, or -1. */
static int lookup(const char *const *names, size_t count, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (names[i] && strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return (int)i;
	return -1;
}

/* "a, b or c" from a name table. */
static void msg_choices(struct msg *m, const char *const *names, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		msg_str(m, i == 0 ? "" : i + 1 == count ? " or " : ", ");
		msg_str(m, names[i]);
	}
}

static void msg_key(struct msg *m, enum key_id id)
{
	msg_quoted(m, keys[id].name, strlen(keys[id].name));
}

/* The string value, decoded and quoted (cut if long). */
static void msg_value(struct msg *m, const struct value *v)
{
	char buf[QUOTE_MAX + 2];

	decode(v, buf, sizeof(buf));
	msg_quoted(m, buf, v->len < QUOTE_MAX + 1 ? v->len : QUOTE_MAX + 1);
}

/* Where byte off of the decoded string is, or the string itself if escapes moved it. */
static struct pos string_pos(const struct value *v, size_t off)
{
	struct pos at = v->at;

	if (!v->escaped)
		at.col += (unsigned int)(1 + off);
	return at;
}

static int fail_key(struct parser *p, enum key_id id, struct pos at, const char *before,
		    const char *after)
{
	struct msg m = error_at(p, at);

	msg_str(&m, before);
	msg_key(&m, id);
	msg_str(&m, after);
	return fail(&m);
}

/* A string key's value must fit in size bytes (and, if required, not be empty). */
static int check_length(struct parser *p, enum key_id id, const struct value *v, size_t size,
			bool required)
{
	struct msg m;

	if (required && v->len == 0)
		return fail_key(p, id, v->at, "", " must not be empty");
	if (v->len < size)
		return 0;
	m = error_at(p, v->at);
	msg_key(&m, id);
	msg_str(&m, " is too long (at most ");
	msg_uint(&m, size - 1);
	msg_str(&m, " characters)");
	return fail(&m);
}

static int set_name(struct parser *p, enum key_id id, const struct value *v)
{
	char *name = p->cfg->name;
	size_t i, digits = 0;

	if (check_length(p, id, v, CFG_NAME_MAX, true))
		return -1;
	decode(v, name, CFG_NAME_MAX);
	for (i = 0; i < v->len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c <= ' ' || c >= 0x7f) {
			struct msg m = error_at(p, string_pos(v, i));

			msg_str(&m, "'name' may hold only printable characters and no spaces, "
				    "found ");
			msg_quoted(&m, name + i, 1);
			return fail(&m);
		}
		digits += is_digit(c);
	}
	if (digits == v->len)
		return fail_with(p, v->at,
				 "'name' must not be all digits (it would read as a domain id)");
	return 0;
}

static int set_type(struct parser *p, enum key_id id, const struct value *v)
{
	char word[4];
	struct msg m;

	decode(v, word, sizeof(word));
	if (strcmp(word, "pv") == 0 && v->len == 2)
		return 0;
	m = error_at(p, v->at);
	msg_str(&m, "unsupported type ");
	msg_value(&m, v);
	msg_str(&m, " (Shale runs PV guests only: expected 'pv')");
	return fail(&m);
}

static int set_number(struct parser *p, enum key_id id, const struct value *v)
{
	const struct key *k = &keys[id];
	struct domain_config *cfg = p->cfg;
	struct msg m;

	if (v->number < k->min || v->number > k->max) {
		m = error_at(p, v->at);
		msg_key(&m, id);
		msg_str(&m, " must be between ");
		msg_int(&m, k->min);
		msg_str(&m, " and ");
		msg_int(&m, k->max);
		msg_str(&m, k->unit);
		msg_str(&m, ", found ");
		msg_int(&m, v->number);
		return fail(&m);
	}
	switch (id) {
	case K_MEMORY: cfg->memory_mib = (uint64_t)v->number; break;
	case K_MAXMEM: cfg->maxmem_mib = (uint64_t)v->number; break;
	case K_VCPUS: cfg->vcpus = (unsigned int)v->number; break;
	case K_MAXVCPUS: cfg->maxvcpus = (unsigned int)v->number; break;
	case K_CPU_WEIGHT: cfg->cpu_weight = (unsigned int)v->number; break;
	case K_CAP: cfg->cap = (unsigned int)v->number; break;
	default: break;
	}
	return 0;
}

static int set_path(struct parser *p, enum key_id id, const struct value *v)
{
	char *dst = id == K_KERNEL ? p->cfg->kernel : p->cfg->ramdisk;

	if (check_length(p, id, v, CFG_PATH_MAX, id == K_KERNEL))
		return -1;
	decode(v, dst, CFG_PATH_MAX);
	return 0;
}

/* cmdline, extra and root depend on each other: kept and combined by finish(). */
static int keep(struct parser *p, enum key_id id, const struct value *v)
{
	p->kept[KEPT(id)] = *v;
	return 0;
}

static int set_action(struct parser *p, enum key_id id, const struct value *v)
{
	enum cfg_action *dst = id == K_ON_POWEROFF ? &p->cfg->on_poweroff
			       : id == K_ON_REBOOT ? &p->cfg->on_reboot : &p->cfg->on_crash;
	char word[24];
	struct msg m;
	int i;

	decode(v, word, sizeof(word));
	i = lookup(action_names, CFG_NR_ACTIONS, word, v->len);
	if (i >= 0) {
		*dst = (enum cfg_action)i;
		return 0;
	}
	m = error_at(p, v->at);
	msg_str(&m, "unknown action ");
	msg_value(&m, v);
	msg_str(&m, " for ");
	msg_key(&m, id);
	msg_str(&m, " (expected ");
	msg_choices(&m, action_names, CFG_NR_ACTIONS);
	msg_str(&m, ")");
	return fail(&m);
}

/* ---- disk and vif specs ------------------------------------------------ */

enum { DISK_TARGET, DISK_FORMAT, DISK_VDEV, DISK_ACCESS, NR_DISK_PARAMS };

static const char *const disk_params[NR_DISK_PARAMS] = { "target", "format", "vdev", "access" };

struct span {
	size_t off, len;
	bool set;
};

/*
 * The comma-separated item of a spec that starts at i: returns where it
 * starts and sets *end where it stops, both without surrounding blanks,
 * and *comma to its terminating comma (n at the end).
 */
static size_t next_item(const char *s, size_t n, size_t i, size_t *end, size_t *comma)
{
	const char *c;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	c = memchr(s + i, ',', n - i);
	*comma = c ? (size_t)(c - s) : n;
	*end = *comma;
	while (*end > i && (s[*end - 1] == ' ' || s[*end - 1] == '\t'))
		(*end)--;
	return i;
}

static int fail_item(struct parser *p, const struct value *v, size_t off, const char *before,
		     const char *s, size_t n, const char *after)
{
	struct msg m = error_at(p, string_pos(v, off));

	msg_str(&m, before);
	msg_quoted(&m, s, n);
	msg_str(&m, after);
	return fail(&m);
}

/* xvd, hd or sd, then lower-case letters, then an optional partition number. */
static bool valid_vdev(const char *s, size_t n)
{
	size_t i = n >= 3 && memcmp(s, "xvd", 3) == 0 ? 3
		   : n >= 2 && (memcmp(s, "hd", 2) == 0 || memcmp(s, "sd", 2) == 0) ? 2 : n;
	size_t letters = i;

	if (n >= CFG_VDEV_MAX || i == n)
		return false;
	while (i < n && s[i] >= 'a' && s[i] <= 'z')
		i++;
	if (i == letters)
		return false;
	while (i < n && is_digit(s[i]))
		i++;
	return i == n;
}

/* Splits d->spec into the four parameters, positional or key=value (xl-disk-configuration). */
static int split_disk(struct parser *p, const struct value *v, const char *s,
		      struct span param[NR_DISK_PARAMS])
{
	size_t n = strlen(s), i = 0, end, comma;

	for (;;) {
		size_t start = next_item(s, n, i, &end, &comma);
		const char *eq = memchr(s + start, '=', end - start);
		size_t off = start, klen = eq ? (size_t)(eq - s) - start : 0;
		int which = 0;

		if (eq) {
			which = lookup(disk_params, NR_DISK_PARAMS, s + start, klen);
			if (which < 0)
				return fail_item(p, v, start, "unknown disk parameter ",
						 s + start, klen,
						 " (expected target, format, vdev or access)");
			off = (size_t)(eq - s) + 1;
			/* Named, the target takes the rest of the spec, commas and blanks too. */
			if (which == DISK_TARGET)
				end = comma = n;
		} else {
			while (which < NR_DISK_PARAMS && param[which].set)
				which++;
			if (which == NR_DISK_PARAMS)
				return fail_item(p, v, start,
						 "too many positional parameters in disk spec at ",
						 s + start, end - start,
						 " (the order is target,format,vdev,access)");
		}
		if (param[which].set)
			return fail_item(p, v, start, "disk parameter ", disk_params[which],
					 strlen(disk_params[which]), " given twice");
		param[which] = (struct span){ .off = off, .len = end - off, .set = true };
		if (comma >= n)
			return 0;
		i = comma + 1;
	}
}

static int add_disk(struct parser *p, enum key_id id, const struct value *v)
{
	struct domain_config *cfg = p->cfg;
	struct span param[NR_DISK_PARAMS] = { { 0 } };
	struct cfg_disk *d;
	const struct span *f, *a, *t, *dev;
	unsigned int i;
	int fmt;

	if (cfg->nr_disks == CFG_MAX_DISKS)
		return fail_with(p, v->at, "too many disks (at most 16)");
	if (v->len >= CFG_SPEC_MAX)
		return fail_with(p, v->at, "disk spec is too long (at most 255 characters)");
	d = &cfg->disks[cfg->nr_disks];
	decode(v, d->spec, sizeof(d->spec));
	if (split_disk(p, v, d->spec, param))
		return -1;
	t = &param[DISK_TARGET];
	f = &param[DISK_FORMAT];
	dev = &param[DISK_VDEV];
	a = &param[DISK_ACCESS];

	if (t->len == 0)
		return fail_with(p, v->at, "disk spec has no target (the image or device path)");
	memcpy(d->target, d->spec + t->off, t->len);
	d->target[t->len] = '\0';

	fmt = f->len ? lookup(format_names, CFG_NR_DISK_FORMATS, d->spec + f->off, f->len) : 0;
	if (fmt < 0)
		return fail_item(p, v, f->off, "unknown disk format ", d->spec + f->off, f->len,
				 " (expected raw, qcow, qcow2, vhd or qed)");
	d->format = (enum cfg_disk_format)fmt;

	if (dev->len == 0)
		return fail_with(p, v->at,
				 "disk spec has no vdev (the guest's device name, such as xvda)");
	if (!valid_vdev(d->spec + dev->off, dev->len))
		return fail_item(p, v, dev->off, "bad vdev ", d->spec + dev->off, dev->len,
				 " (expected a name such as xvda, hdb or sdc1)");
	memcpy(d->vdev, d->spec + dev->off, dev->len);
	d->vdev[dev->len] = '\0';
	for (i = 0; i < cfg->nr_disks; i++)
		if (strcmp(cfg->disks[i].vdev, d->vdev) == 0)
			return fail_item(p, v, dev->off, "vdev ", d->vdev, dev->len,
					 " is already used by an earlier disk");

	d->access = CFG_DISK_RW;
	if (a->len == 1 && d->spec[a->off] == 'r')
		d->access = CFG_DISK_RO;
	else if (a->len == 2 && memcmp(d->spec + a->off, "ro", 2) == 0)
		d->access = CFG_DISK_RO;
	else if (a->len && !(a->len == 1 && d->spec[a->off] == 'w') &&
		 !(a->len == 2 && memcmp(d->spec + a->off, "rw", 2) == 0))
		return fail_item(p, v, a->off, "unknown disk access ", d->spec + a->off, a->len,
				 " (expected r, ro, w or rw)");
	cfg->nr_disks++;
	return 0;
}

/* Exactly xx:xx:xx:xx:xx:xx in hex. */
static bool parse_mac(const char *s, size_t n, uint8_t mac[6])
{
	size_t i;

	if (n != 17)
		return false;
	for (i = 0; i < 6; i++) {
		int hi = digit_value((unsigned char)s[3 * i], 16);
		int lo = digit_value((unsigned char)s[3 * i + 1], 16);

		if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
			return false;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

/* A Linux interface name: 1 to 15 characters, no '/', ':' or blanks. */
static bool valid_bridge(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n >= CFG_BRIDGE_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] == '/' || s[i] == ':' || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

static int set_vif_item(struct parser *p, const struct value *v, struct cfg_vif *vif,
			size_t key, size_t off, size_t end, bool *had_bridge)
{
	const char *s = vif->spec, *val = s + off;
	size_t klen = off - 1 - key, vlen = end - off;
	struct msg m;

	if (klen == 3 && memcmp(s + key, "mac", 3) == 0) {
		if (vif->has_mac)
			return fail_with(p, string_pos(v, key), "vif parameter 'mac' given twice");
		if (!parse_mac(val, vlen, vif->mac))
			return fail_item(p, v, off, "bad MAC address ", val, vlen,
					 " (expected six hex pairs such as 00:16:3e:12:34:56)");
		if (vif->mac[0] & 1)
			return fail_item(p, v, off, "MAC address ", val, vlen,
					 " is a multicast address (the first byte must be even)");
		vif->has_mac = true;
	} else if (klen == 6 && memcmp(s + key, "bridge", 6) == 0) {
		if (*had_bridge)
			return fail_with(p, string_pos(v, key),
					 "vif parameter 'bridge' given twice");
		if (!valid_bridge(val, vlen))
			return fail_item(p, v, off, "bad bridge name ", val, vlen,
					 " (1 to 15 characters, no spaces, '/' or ':')");
		memcpy(vif->bridge, val, vlen);
		vif->bridge[vlen] = '\0';
		*had_bridge = true;
	} else {
		m = warning_at(p, string_pos(v, key));
		msg_str(&m, "unsupported vif parameter ");
		msg_quoted(&m, s + key, klen);
		msg_str(&m, " (ignored)");
		msg_end(&m);
	}
	return 0;
}

static int add_vif(struct parser *p, enum key_id id, const struct value *v)
{
	struct domain_config *cfg = p->cfg;
	struct cfg_vif *vif;
	bool had_bridge = false;
	size_t n, i = 0, end, comma;

	if (cfg->nr_vifs == CFG_MAX_VIFS)
		return fail_with(p, v->at, "too many vifs (at most 16)");
	if (v->len >= CFG_SPEC_MAX)
		return fail_with(p, v->at, "vif spec is too long (at most 255 characters)");
	vif = &cfg->vifs[cfg->nr_vifs];
	memset(vif, 0, sizeof(*vif));
	decode(v, vif->spec, sizeof(vif->spec));
	memcpy(vif->bridge, CFG_DEFAULT_BRIDGE, sizeof(CFG_DEFAULT_BRIDGE));
	n = strlen(vif->spec);
	/* xl's `vif = [ '' ]` is one vif with every default: empty items are skipped. */
	for (; i <= n; i = comma + 1) {
		size_t start = next_item(vif->spec, n, i, &end, &comma);
		const char *eq = memchr(vif->spec + start, '=', end - start);

		if (start == end)
			continue;
		if (!eq)
			return fail_item(p, v, start, "expected KEY=VALUE in vif spec, found ",
					 vif->spec + start, end - start, "");
		if (set_vif_item(p, v, vif, start, (size_t)(eq - vif->spec) + 1, end, &had_bridge))
			return -1;
	}
	cfg->nr_vifs++;
	return 0;
}

#define STRING_KEY(n, fn)	{ .name = n, .kind = KEY_STRING, .set = fn }
#define LIST_KEY(n, fn)		{ .name = n, .kind = KEY_LIST, .set = fn }
#define NUMBER_KEY(n, lo, hi, u) \
	{ .name = n, .kind = KEY_NUMBER, .set = set_number, .min = lo, .max = hi, .unit = u }

static const struct key keys[NR_KEYS] = {
	[K_NAME] = STRING_KEY("name", set_name),
	[K_TYPE] = STRING_KEY("type", set_type),
	[K_MEMORY] = NUMBER_KEY("memory", CFG_MEMORY_MIN_MIB, CFG_MEMORY_MAX_MIB, " MiB"),
	[K_MAXMEM] = NUMBER_KEY("maxmem", CFG_MEMORY_MIN_MIB, CFG_MEMORY_MAX_MIB, " MiB"),
	[K_VCPUS] = NUMBER_KEY("vcpus", 1, CFG_MAX_VCPUS, ""),
	[K_MAXVCPUS] = NUMBER_KEY("maxvcpus", 1, CFG_MAX_VCPUS, ""),
	[K_KERNEL] = STRING_KEY("kernel", set_path),
	[K_RAMDISK] = STRING_KEY("ramdisk", set_path),
	[K_CMDLINE] = STRING_KEY("cmdline", keep),
	[K_EXTRA] = STRING_KEY("extra", keep),
	[K_ROOT] = STRING_KEY("root", keep),
	[K_ON_POWEROFF] = STRING_KEY("on_poweroff", set_action),
	[K_ON_REBOOT] = STRING_KEY("on_reboot", set_action),
	[K_ON_CRASH] = STRING_KEY("on_crash", set_action),
	[K_CPU_WEIGHT] = NUMBER_KEY("cpu_weight", 1, CFG_MAX_CPU_WEIGHT, ""),
	/* Bounded by 100 * maxvcpus in finish(), once maxvcpus is known. */
	[K_CAP] = NUMBER_KEY("cap", 0, 100 * CFG_MAX_VCPUS, " percent"),
	[K_DISK] = LIST_KEY("disk", add_disk),
	[K_VIF] = LIST_KEY("vif", add_vif),
};

/* ---- statements -------------------------------------------------------- */

static int fail_type(struct parser *p, enum key_id id, struct pos at, const char *found)
{
	static const char *const wanted[] = {
		[KEY_STRING] = "expected a string for ",
		[KEY_NUMBER] = "expected a number for ",
		[KEY_LIST] = "expected a list of strings for ",
	};
	struct msg m = error_at(p, at);

	msg_str(&m, wanted[keys[id].kind]);
	msg_key(&m, id);
	msg_str(&m, ", found ");
	msg_str(&m, found);
	return fail(&m);
}

static int lex_scalar(struct parser *p, struct value *v)
{
	return peek(p) == '-' || is_digit(peek(p)) ? lex_number(p, v) : lex_string(p, v);
}

static int unterminated_list(struct parser *p, struct pos open)
{
	struct msg m = error_at(p, open);

	msg_str(&m, "unterminated list: missing ']' before ");
	if (peek(p) < 0) {
		msg_str(&m, "the end of the file");
	} else {
		msg_str(&m, "line ");
		msg_uint(&m, p->at.line);
	}
	return fail(&m);
}

/* A [ list ]: elements may span lines; a trailing comma is allowed. id < 0: ignored key. */
static int parse_list(struct parser *p, int id)
{
	bool keep_elements = id >= 0 && keys[id].kind == KEY_LIST;
	struct pos open = p->at;
	struct value v;
	struct msg m;
	int c;

	if (id == K_DISK)
		p->cfg->nr_disks = 0;
	if (id == K_VIF)
		p->cfg->nr_vifs = 0;
	advance(p);
	for (;;) {
		skip_space(p);
		c = peek(p);
		if (c == ']')
			break;
		if (c < 0 || (is_ident_start(c) && at_statement(p)))
			return unterminated_list(p, open);
		if (c != '"' && c != '\'' && c != '-' && !is_digit(c)) {
			m = error_at(p, p->at);
			msg_str(&m, c == '[' ? "lists cannot be nested, "
					     : "expected a string, a number or ']' in the list, ");
			msg_found(&m, c);
			return fail(&m);
		}
		if (lex_scalar(p, &v))
			return -1;
		if (keep_elements && !v.is_string)
			return fail_type(p, (enum key_id)id, v.at, "a number in the list");
		if (keep_elements && keys[id].set(p, (enum key_id)id, &v))
			return -1;
		skip_space(p);
		c = peek(p);
		if (c == ']')
			break;
		if (c < 0 || (is_ident_start(c) && at_statement(p)))
			return unterminated_list(p, open);
		if (c != ',') {
			m = error_at(p, p->at);
			msg_str(&m, "expected ',' or ']' after a list element, ");
			msg_found(&m, c);
			return fail(&m);
		}
		advance(p);
	}
	advance(p);
	if (id >= 0 && !keep_elements)
		return fail_type(p, (enum key_id)id, open, "a list");
	return 0;
}

static int parse_value(struct parser *p, int id)
{
	struct value v;
	struct msg m;
	int c = peek(p);

	if (c == '[')
		return parse_list(p, id);
	if (c != '"' && c != '\'' && c != '-' && !is_digit(c)) {
		m = error_at(p, p->at);
		if (c < 0 || c == '\n' || c == '#' || c == ';') {
			msg_str(&m, "expected a value after '='");
		} else {
			msg_str(&m, "expected a value (a string, a number or a list), ");
			msg_found(&m, c);
		}
		return fail(&m);
	}
	if (lex_scalar(p, &v))
		return -1;
	if (id < 0)
		return 0;
	if (keys[id].kind == KEY_LIST || (keys[id].kind == KEY_STRING) != v.is_string)
		return fail_type(p, (enum key_id)id, v.at, v.is_string ? "a string" : "a number");
	return keys[id].set(p, (enum key_id)id, &v);
}

/* KEY = VALUE, then ';', a comment, end of line or end of file. */
static int parse_statement(struct parser *p)
{
	struct pos key_at = p->at;
	const char *name = p->text + p->pos;
	size_t name_len = 0;
	struct msg m;
	int id, c;

	while (is_ident(peek(p))) {
		advance(p);
		name_len++;
	}
	for (id = 0; id < NR_KEYS; id++)
		if (strlen(keys[id].name) == name_len &&
		    memcmp(keys[id].name, name, name_len) == 0)
			break;
	if (id == NR_KEYS)
		id = -1;
	skip_blanks(p);
	if (peek(p) != '=') {
		m = error_at(p, p->at);
		msg_str(&m, "expected '=' after ");
		msg_quoted(&m, name, name_len);
		msg_str(&m, ", ");
		msg_found(&m, peek(p));
		return fail(&m);
	}
	advance(p);
	skip_blanks(p);

	if (id < 0) {
		m = warning_at(p, key_at);
		msg_str(&m, "unknown key ");
		msg_quoted(&m, name, name_len);
		msg_str(&m, " (ignored)");
		msg_end(&m);
	} else if (p->seen[id]) {
		m = warning_at(p, key_at);
		msg_str(&m, "duplicate key ");
		msg_key(&m, (enum key_id)id);
		msg_str(&m, ": this value replaces the one on line ");
		msg_uint(&m, p->where[id].line);
		msg_end(&m);
	}
	if (id >= 0)
		p->where[id] = p->at;
	if (parse_value(p, id))
		return -1;
	if (id >= 0)
		p->seen[id] = true;

	skip_blanks(p);
	skip_comment(p);
	c = peek(p);
	if (c == ';' || c == '\n')
		advance(p);
	if (c < 0 || c == ';' || c == '\n')
		return 0;
	m = error_at(p, p->at);
	msg_str(&m, "expected ';' or end of line after the value, ");
	msg_found(&m, c);
	return fail(&m);
}

/* ---- the whole file ---------------------------------------------------- */

static bool before(struct pos a, struct pos b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* cmdline alone, or "root=ROOT EXTRA" from the parts given (xl's rule). */
static int build_cmdline(struct parser *p)
{
	const struct value *cmdline = &p->kept[KEPT(K_CMDLINE)];
	const struct value *root = &p->kept[KEPT(K_ROOT)], *extra = &p->kept[KEPT(K_EXTRA)];
	char *out = p->cfg->cmdline;
	size_t len = 0, need;
	enum key_id last;

	if (p->seen[K_CMDLINE]) {
		last = p->seen[K_EXTRA] ? K_EXTRA : p->seen[K_ROOT] ? K_ROOT : K_CMDLINE;
		if (last != K_CMDLINE) {
			struct pos at = p->where[K_CMDLINE];
			struct msg m;

			if (before(at, p->where[last]))
				at = p->where[last];
			m = error_at(p, at);

			msg_str(&m, "'cmdline' and ");
			msg_key(&m, last);
			msg_str(&m, " both set the kernel command line: keep one");
			return fail(&m);
		}
		if (check_length(p, K_CMDLINE, cmdline, CFG_CMDLINE_MAX, false))
			return -1;
		decode(cmdline, out, CFG_CMDLINE_MAX);
		return 0;
	}
	need = (p->seen[K_ROOT] ? 5 + root->len : 0) + (p->seen[K_EXTRA] ? extra->len : 0) +
	       (p->seen[K_ROOT] && p->seen[K_EXTRA]);
	if (need >= CFG_CMDLINE_MAX)
		return fail_with(p, p->where[p->seen[K_EXTRA] ? K_EXTRA : K_ROOT],
				 "kernel command line is too long (at most 1023 characters)");
	if (p->seen[K_ROOT]) {
		memcpy(out, "root=", 5);
		decode(root, out + 5, CFG_CMDLINE_MAX - 5);
		len = 5 + root->len;
		if (p->seen[K_EXTRA])
			out[len++] = ' ';
	}
	if (p->seen[K_EXTRA])
		decode(extra, out + len, CFG_CMDLINE_MAX - len);
	return 0;
}

/* Checks that span keys and fills the defaults that depend on other keys. */
static int finish(struct parser *p)
{
	struct domain_config *cfg = p->cfg;
	struct msg m;

	if (!p->seen[K_NAME])
		return fail_with(p, p->at, "missing mandatory key 'name'");
	if (!p->seen[K_KERNEL])
		return fail_with(p, p->at, "missing mandatory key 'kernel'");
	if (!p->seen[K_MAXMEM])
		cfg->maxmem_mib = cfg->memory_mib;
	if (cfg->maxmem_mib < cfg->memory_mib) {
		m = error_at(p, p->where[K_MAXMEM]);
		msg_str(&m, "'maxmem' (");
		msg_uint(&m, cfg->maxmem_mib);
		msg_str(&m, " MiB) must be at least 'memory' (");
		msg_uint(&m, cfg->memory_mib);
		msg_str(&m, p->seen[K_MEMORY] ? " MiB)" : " MiB, the default)");
		return fail(&m);
	}
	if (!p->seen[K_MAXVCPUS])
		cfg->maxvcpus = cfg->vcpus;
	if (cfg->maxvcpus < cfg->vcpus) {
		m = error_at(p, p->where[K_MAXVCPUS]);
		msg_str(&m, "'maxvcpus' (");
		msg_uint(&m, cfg->maxvcpus);
		msg_str(&m, ") must be at least 'vcpus' (");
		msg_uint(&m, cfg->vcpus);
		msg_str(&m, ")");
		return fail(&m);
	}
	/* 100 is one physical CPU; a domain can use at most one per vCPU it may bring up. */
	if (cfg->cap > 100 * cfg->maxvcpus) {
		m = error_at(p, p->where[K_CAP]);
		msg_str(&m, "'cap' must be at most ");
		msg_uint(&m, 100 * cfg->maxvcpus);
		msg_str(&m, " percent (100 per vCPU, maxvcpus is ");
		msg_uint(&m, cfg->maxvcpus);
		msg_str(&m, "), found ");
		msg_uint(&m, cfg->cap);
		return fail(&m);
	}
	return build_cmdline(p);
}

int cfg_parse(const char *text, size_t len, const char *filename, struct domain_config *out,
	      struct cfg_error *err)
{
	struct cfg_error ignored;
	struct parser p = {
		.text = text,
		.len = text ? len : 0,
		.at = { 1, 1 },
		.file = filename ? filename : "config",
		.cfg = out,
		.err = err ? err : &ignored,
	};

	memset(out, 0, sizeof(*out));
	memset(p.err, 0, sizeof(*p.err));
	out->type = CFG_TYPE_PV;
	out->memory_mib = CFG_DEFAULT_MEMORY_MIB;
	out->vcpus = 1;
	out->on_poweroff = CFG_ACTION_DESTROY;
	out->on_reboot = CFG_ACTION_RESTART;
	out->on_crash = CFG_ACTION_DESTROY;
	out->cpu_weight = CFG_DEFAULT_CPU_WEIGHT;

	for (;;) {
		int c;

		skip_space(&p);
		c = peek(&p);
		if (c < 0)
			break;
		if (c == ';') {
			advance(&p);
			continue;
		}
		if (!is_ident_start(c)) {
			struct msg m = error_at(&p, p.at);

			msg_str(&m, "expected a key name, ");
			msg_found(&m, c);
			fail(&m);
			return -SHALE_EINVAL;
		}
		if (parse_statement(&p))
			return -SHALE_EINVAL;
	}
	return finish(&p) ? -SHALE_EINVAL : 0;
}

const char *cfg_action_name(enum cfg_action action)
{
	return (unsigned int)action < CFG_NR_ACTIONS ? action_names[action] : "?";
}

const char *cfg_disk_format_name(enum cfg_disk_format format)
{
	return (unsigned int)format < CFG_NR_DISK_FORMATS ? format_names[format] : "?";
}
