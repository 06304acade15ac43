/* SPDX-License-Identifier: MIT */
/* Formatted output into a buffer: the subset of printf the hypervisor uses. */
#include <stdarg.h>
#include <string.h>
#include "printk.h"

struct out {
	char *buf;
	size_t size;
	size_t len;	/* what the full output would take */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill-- > 0)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static void put_number(struct out *o, uint64_t v, bool neg, unsigned base, bool upper,
		       int width, bool left, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (pad == '0' && width > 0) {
			put(o, '-');
			width--;
		} else {
			tmp[--i] = '-';
		}
	}
	put_padded(o, tmp + i, sizeof(tmp) - i, width, left, pad);
}

static uint64_t fetch_unsigned(va_list *ap, int longs)
{
	if (longs >= 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t fetch_signed(va_list *ap, int longs)
{
	if (longs >= 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, ap_in);
	for (; *fmt; fmt++) {
		bool left = false;
		char pad = ' ';
		int width = 0, prec = -1, longs = 0;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = true;
			else
				pad = '0';
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			prec = 0;
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = fetch_signed(&ap, longs);

			put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, false,
				   width, left, pad);
			break;
		}
		case 'u':
			put_number(&o, fetch_unsigned(&ap, longs), false, 10, false, width, left, pad);
			break;
		case 'x':
		case 'X':
			put_number(&o, fetch_unsigned(&ap, longs), false, 16, *fmt == 'X',
				   width, left, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (uint64_t)va_arg(ap, void *), false, 16, false, 16, false, '0');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, prec >= 0 ? strnlen(s, prec) : strlen(s), width, left, ' ');
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
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
