/* SPDX-License-Identifier: MIT */
/* Memory and string functions for the guest kernel and everything linked with it. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

/*
 * memcpy and memset go eight bytes per step, then the tail: under
 * emulation every iteration of a loop costs, and LMDB, the store and the
 * rings copy whole pages. The rest are byte loops; build.mk passes
 * -fno-tree-loop-distribute-patterns so GCC cannot turn them back into
 * calls to these functions.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t quads = n / 8, tail = n % 8;

	__asm__ __volatile__("rep movsq" : "+D"(dst), "+S"(src), "+c"(quads) : : "memory");
	__asm__ __volatile__("rep movsb" : "+D"(dst), "+S"(src), "+c"(tail) : : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	/* Forward copies are safe unless the destination starts inside the source. */
	if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n)
		return memcpy(dst, src, n);
	/* Destination above source: copy backwards so the overlap is read first. */
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	uint64_t pattern = 0x0101010101010101ULL * (unsigned char)c;
	size_t quads = n / 8, tail = n % 8;

	__asm__ __volatile__("rep stosq" : "+D"(dst), "+c"(quads) : "a"(pattern) : "memory");
	__asm__ __volatile__("rep stosb" : "+D"(dst), "+c"(tail) : "a"(pattern) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strcpy(char *dst, const char *src)
{
	return memcpy(dst, src, strlen(src) + 1);
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t used = strnlen(dst, size);

	if (used == size)
		return size + strlen(src);
	return used + strlcpy(dst + used, src, size - used);
}

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;	/* larger than any base: ends the number */
}

/* Picks the base for base 0 and skips a 0x prefix; returns the base. */
static int number_base(const char **sp, int base)
{
	const char *s = *sp;
	int has_hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
			     digit_value(s[2]) < 16;

	if ((base == 0 || base == 16) && has_hex_prefix) {
		*sp = s + 2;
		return 16;
	}
	if (base == 0)
		return s[0] == '0' ? 8 : 10;
	return base;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	const char *start = s;
	unsigned long val = 0;
	int overflow = 0, any = 0;

	while (isspace(*s))
		s++;
	if (*s == '+')
		s++;
	if (base < 0 || base == 1 || base > 36) {
		if (end)
			*end = (char *)start;
		return 0;
	}
	base = number_base(&s, base);
	for (; digit_value(*s) < base; s++, any = 1) {
		unsigned long d = digit_value(*s);

		if (val > (~0UL - d) / base)
			overflow = 1;
		else
			val = val * base + d;
	}
	if (end)
		*end = (char *)(any ? s : start);
	return overflow ? ~0UL : val;
}

long strtol(const char *s, char **end, int base)
{
	const char *p = s;
	unsigned long val;
	char *stop;

	while (isspace(*p))
		p++;
	if (*p != '-')
		return (long)strtoul(s, end, base);
	val = strtoul(p + 1, &stop, base);
	if (end)
		*end = stop == p + 1 ? (char *)s : stop;
	return -(long)val;
}
