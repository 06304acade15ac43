/* SPDX-License-Identifier: MIT */
/* Values made printable the way Xen's xenstore tools print them. */
#include <stdio.h>
#include "xs.h"

/* The escape for byte c into out (at least 5 bytes); returns its length. */
static size_t escape_byte(unsigned char c, char *out)
{
	switch (c) {
	case '\\':
		return (size_t)snprintf(out, 5, "\\\\");
	case '\n':
		return (size_t)snprintf(out, 5, "\\n");
	case '\r':
		return (size_t)snprintf(out, 5, "\\r");
	case '\t':
		return (size_t)snprintf(out, 5, "\\t");
	}
	if (c < 8)
		return (size_t)snprintf(out, 5, "\\%03o", c);
	if (c < ' ' || c > '~')
		return (size_t)snprintf(out, 5, "\\x%02x", c);
	out[0] = (char)c;
	out[1] = '\0';
	return 1;
}

size_t xs_escape_value(const void *value, unsigned int len, char *buf, size_t size)
{
	const unsigned char *v = value;
	size_t used = 0;

	for (unsigned int i = 0; i < len; i++) {
		char one[5];
		size_t n = escape_byte(v[i], one);

		for (size_t k = 0; k < n; k++, used++)
			if (used + 1 < size)
				buf[used] = one[k];
	}
	if (size)
		buf[used < size ? used : size - 1] = '\0';
	return used;
}
