/* SPDX-License-Identifier: MIT */
/* The printf formatter and the snprintf family built on it. */
#include <stdbool.h>
#include <stdint.h>
#include <printf.h>
#include <string.h>

struct out {
	format_emit_fn emit;
	void *ctx;
	int count;
};

struct spec {
	bool left;		/* '-' */
	bool zero;		/* '0' */
	bool alt;		/* '#': 0x before %x, 0 before %o */
	int width;		/* 0: none */
	int precision;		/* -1: none */
	char length;		/* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z' */
	char conv;		/* conversion character */
};

static void put(struct out *o, const char *s, size_t len)
{
	if (len) {
		o->emit(o->ctx, s, len);
		o->count += len;
	}
}

static void pad(struct out *o, char c, int n)
{
	char buf[16];

	memset(buf, c, sizeof(buf));
	for (; n > 0; n -= sizeof(buf))
		put(o, buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf));
}

/* Reads a run of digits, or '*' from the arguments. */
static int parse_count(const char **fmt, va_list *ap)
{
	int n = 0;

	if (**fmt == '*') {
		(*fmt)++;
		return va_arg(*ap, int);
	}
	while (**fmt >= '0' && **fmt <= '9')
		n = n * 10 + *(*fmt)++ - '0';
	return n;
}

static void parse_length(const char **fmt, struct spec *sp)
{
	const char *f = *fmt;

	if (f[0] == 'h' && f[1] == 'h')
		sp->length = 'H', f += 2;
	else if (f[0] == 'l' && f[1] == 'l')
		sp->length = 'L', f += 2;
	else if (f[0] == 'h' || f[0] == 'l' || f[0] == 'z')
		sp->length = *f++;
	*fmt = f;
}

/* Parses flags, width, precision and length after a '%'. */
static void parse_spec(const char **fmt, va_list *ap, struct spec *sp)
{
	*sp = (struct spec){ .precision = -1 };
	for (;; (*fmt)++) {
		if (**fmt == '-')
			sp->left = true;
		else if (**fmt == '0')
			sp->zero = true;
		else if (**fmt == '#')
			sp->alt = true;
		else
			break;
	}
	sp->width = parse_count(fmt, ap);
	if (sp->width < 0) {
		/* A negative '*' width means left-justify, as in C. */
		sp->left = true;
		sp->width = -sp->width;
	}
	if (**fmt == '.') {
		(*fmt)++;
		sp->precision = parse_count(fmt, ap);
	}
	parse_length(fmt, sp);
	sp->conv = **fmt;
	if (**fmt)
		(*fmt)++;
}

/* Writes prefix + body padded to the width as the flags ask. */
static void put_padded(struct out *o, const struct spec *sp, const char *prefix,
		       const char *body, size_t len)
{
	int fill = sp->width - (int)(strlen(prefix) + len);

	if (!sp->left && !sp->zero)
		pad(o, ' ', fill);
	put(o, prefix, strlen(prefix));
	if (!sp->left && sp->zero)
		pad(o, '0', fill);
	put(o, body, len);
	if (sp->left)
		pad(o, ' ', fill);
}

static unsigned long long get_unsigned(va_list *ap, char length)
{
	switch (length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long get_signed(va_list *ap, char length)
{
	switch (length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return va_arg(*ap, long);	/* ssize_t */
	default: return va_arg(*ap, int);
	}
}

static void put_number(struct out *o, const struct spec *sp, unsigned long long val,
		       unsigned int base, const char *prefix)
{
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];	/* 2^64 in octal is 22 digits */
	char *p = buf + sizeof(buf);

	do {
		*--p = digits[val % base];
		val /= base;
	} while (val);
	put_padded(o, sp, prefix, p, buf + sizeof(buf) - p);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t len;

	if (!s)
		s = "(null)";
	len = sp->precision >= 0 ? strnlen(s, sp->precision) : strlen(s);
	/* Zero-padding is for numbers; pad strings with spaces whatever the flags. */
	put_padded(o, &(struct spec){ .left = sp->left, .width = sp->width }, "", s, len);
}

static void put_conversion(struct out *o, const struct spec *sp, va_list *ap)
{
	long long sval;
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i':
		sval = get_signed(ap, sp->length);
		put_number(o, sp, sval < 0 ? -(unsigned long long)sval : (unsigned long long)sval,
			   10, sval < 0 ? "-" : "");
		break;
	case 'u':
		put_number(o, sp, get_unsigned(ap, sp->length), 10, "");
		break;
	case 'x':
	case 'X':
		put_number(o, sp, get_unsigned(ap, sp->length), 16, sp->alt ? "0x" : "");
		break;
	case 'o':
		put_number(o, sp, get_unsigned(ap, sp->length), 8, sp->alt ? "0" : "");
		break;
	case 'p':
		put_number(o, sp, (uintptr_t)va_arg(*ap, void *), 16, "0x");
		break;
	case 's':
		put_string(o, sp, va_arg(*ap, const char *));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, &(struct spec){ .left = sp->left, .width = sp->width }, "", &c, 1);
		break;
	case '%':
		put(o, "%", 1);
		break;
	case '\0':
		put(o, "%", 1);	/* a lone '%' at the end of the format */
		break;
	default:
		put(o, "%", 1);
		put(o, &sp->conv, 1);
		break;
	}
}

int vformat(format_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { .emit = emit, .ctx = ctx };
	struct spec sp;
	va_list args;

	/* A local copy so helpers can take its address portably. */
	va_copy(args, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t plain = pct ? (size_t)(pct - fmt) : strlen(fmt);

		put(&o, fmt, plain);
		if (!pct)
			break;
		fmt = pct + 1;
		parse_spec(&fmt, &args, &sp);
		put_conversion(&o, &sp, &args);
	}
	va_end(args);
	return o.count;
}

struct buf_sink {
	char *buf;
	size_t size;	/* bytes available, the NUL included */
	size_t used;	/* bytes stored, the NUL excluded */
};

static void emit_to_buf(void *ctx, const char *s, size_t len)
{
	struct buf_sink *b = ctx;
	size_t room;

	if (b->used + 1 >= b->size)
		return;
	room = b->size - 1 - b->used;
	if (len > room)
		len = room;
	memcpy(b->buf + b->used, s, len);
	b->used += len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { .buf = buf, .size = size };
	int n = vformat(emit_to_buf, &b, fmt, ap);

	if (size)
		buf[b.used] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
