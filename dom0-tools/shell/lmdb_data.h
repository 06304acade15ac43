/* SPDX-License-Identifier: MIT */
/*
 * The keys and values lmdb-selftest and lmdb-bench write: key i is
 * "key-%08u" (so keys sort in numeric order), value i is a pattern that
 * depends on i, of a length that varies with i; every 97th value is
 * larger than half a page, so LMDB keeps it on overflow pages.
 */
#ifndef SHALE_DOM0_LMDB_DATA_H
#define SHALE_DOM0_LMDB_DATA_H

#include <stddef.h>
#include <lmdb.h>

#define LMDB_KEY_MAX	16
#define LMDB_VALUE_MAX	3000

/* Writes key i into buf (LMDB_KEY_MAX bytes); returns its length (no NUL stored in LMDB). */
size_t lmdb_make_key(unsigned int i, char *buf);

/* Writes value i into buf (LMDB_VALUE_MAX bytes); returns its length. */
size_t lmdb_make_value(unsigned int i, char *buf);

/* The i of a key lmdb_make_key() made, or -1 for anything else. */
long lmdb_parse_key(const MDB_val *key);

/* Key and value bytes of keys 0 .. n-1. */
size_t lmdb_data_bytes(unsigned int n);

#endif /* SHALE_DOM0_LMDB_DATA_H */
