/* SPDX-License-Identifier: MIT */
/* printf-style output over console_io: the test's only channel to the runner. */
#include <stdbool.h>
#include <stdint.h>
#include <xt/console.h>
#include <xt/hypercall.h>
#include <xt/string.h>

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

struct spec {
	bool left;
	char pad;
	int width;
};

static void put_field(struct out *o, const char *s, size_t n, const struct spec *sp)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	/* Zero padding goes after a sign. */
	if (!sp->left && sp->pad == '0' && n && *s == '-') {
		put(o, *s++);
		n--;
	}
	while (!sp->left && fill-- > 0)
		put(o, sp->pad);
	while (n--)
		put(o, *s++);
	while (sp->left && fill-- > 0)
		put(o, ' ');
}

static void put_number(struct out *o, uint64_t v, bool negative, unsigned int base, bool upper,
		       const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[--i] = '-';
	put_field(o, tmp + i, sizeof(tmp) - i, sp);
}

/* Reads flags, width and length; returns the conversion character's position. */
static const char *parse_spec(const char *f, struct spec *sp, int *longs, va_list *ap)
{
	sp->left = false;
	sp->pad = ' ';
	sp->width = 0;
	*longs = 0;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->pad = '0';
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	while (*f == 'l' || *f == 'z') {
		(*longs)++;
		f++;
	}
	return f;
}

static uint64_t get_unsigned(int longs, va_list *ap)
{
	return longs ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned int);
}

static int64_t get_signed(int longs, va_list *ap)
{
	return longs ? va_arg(*ap, int64_t) : va_arg(*ap, int);
}

int xt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	for (const char *f = fmt; *f; f++) {
		struct spec sp;
		int longs;

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f = parse_spec(f + 1, &sp, &longs, &args);
		switch (*f) {
		case 'd':
		case 'i': {
			int64_t v = get_signed(longs, &args);

			put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, false, &sp);
			break;
		}
		case 'u':
			put_number(&o, get_unsigned(longs, &args), false, 10, false, &sp);
			break;
		case 'x':
		case 'X':
			put_number(&o, get_unsigned(longs, &args), false, 16, *f == 'X', &sp);
			break;
		case 'p':
			put_field(&o, "0x", 2, &(struct spec){ false, ' ', 0 });
			put_number(&o, (uint64_t)va_arg(args, void *), false, 16, false, &sp);
			break;
		case 's': {
			const char *s = va_arg(args, const char *);

			s = s ? s : "(null)";
			put_field(&o, s, strlen(s), &sp);
			break;
		}
		case 'c': {
			char c = (char)va_arg(args, int);

			put_field(&o, &c, 1, &sp);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:	/* unknown conversion: show it rather than guess */
			put(&o, '%');
			if (!*f)
				goto done;
			put(&o, *f);
		}
	}
done:
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int xt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = xt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

long xt_write(const char *s, size_t len)
{
	return hc_console_io(SHALE_CONSOLEIO_write, len, s);
}

void xt_vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = xt_vsnprintf(buf, sizeof(buf), fmt, ap);

	xt_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void xt_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xt_vprintf(fmt, ap);
	va_end(ap);
}
