/* SPDX-License-Identifier: MIT */
/* Shared pieces of the host unit tests: the suites and small helpers. */
#ifndef SHALE_TESTS_UNIT_UNIT_H
#define SHALE_TESTS_UNIT_UNIT_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

Suite *elf_suite(void);
Suite *cmdline_suite(void);
Suite *ustar_suite(void);
Suite *config_suite(void);
Suite *memfs_suite(void);
Suite *mm_rules_suite(void);
Suite *page_type_suite(void);
Suite *minmax_suite(void);
Suite *ring_suite(void);
Suite *store_tree_suite(void);
Suite *store_perms_suite(void);
Suite *store_tx_suite(void);
Suite *store_watch_suite(void);
Suite *store_input_suite(void);
Suite *xenstored_suite(void);

/* Reads a whole file into a heap buffer of exactly its size; the caller frees it. */
uint8_t *unit_slurp(const char *path, size_t *size);

/* Removes a scratch directory a test made with mkdtemp(). */
void unit_remove_tree(const char *dir);

/*
 * A heap copy of exactly len bytes: handing the code under test this copy
 * lets AddressSanitizer catch any read past the end of the input.
 */
static inline void *unit_dup(const void *p, size_t len)
{
	void *copy = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, p, len);
	return copy;
}

/*
 * Check's ck_assert*() report every success through a pipe to the runner
 * (a "mark point"); loops that check values by the thousand use this
 * instead, which costs nothing until it fails.
 */
#define unit_check(cond, ...) \
	do { \
		if (!(cond)) \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/* A fixed-seed generator (xorshift64) so fuzz failures reproduce. */
static inline uint64_t unit_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

#endif /* SHALE_TESTS_UNIT_UNIT_H */
