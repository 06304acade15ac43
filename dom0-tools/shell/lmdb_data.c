/* SPDX-License-Identifier: MIT */
/* The keys and values of lmdb-selftest and lmdb-bench (lmdb_data.h). */
#include <stdio.h>
#include <string.h>
#include "lmdb_data.h"

#define KEY_DIGITS	8

size_t lmdb_make_key(unsigned int i, char *buf)
{
	return (size_t)snprintf(buf, LMDB_KEY_MAX, "key-%08u", i);
}

static size_t value_len(unsigned int i)
{
	return i % 97 == 0 ? LMDB_VALUE_MAX : 8 + (i * 37) % 300;
}

size_t lmdb_make_value(unsigned int i, char *buf)
{
	size_t len = value_len(i), j;
	int head = snprintf(buf, len, "v%u:", i);

	for (j = (size_t)head < len ? (size_t)head : len; j < len; j++)
		buf[j] = (char)('a' + (i + j) % 26);
	return len;
}

long lmdb_parse_key(const MDB_val *key)
{
	const char *s = key->mv_data;
	unsigned long i = 0;
	size_t d;

	if (key->mv_size != 4 + KEY_DIGITS || memcmp(s, "key-", 4) != 0)
		return -1;
	for (d = 4; d < key->mv_size; d++) {
		if (s[d] < '0' || s[d] > '9')
			return -1;
		i = i * 10 + (unsigned long)(s[d] - '0');
	}
	return (long)i;
}

size_t lmdb_data_bytes(unsigned int n)
{
	size_t total = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		total += 4 + KEY_DIGITS + value_len(i);
	return total;
}
