/* SPDX-License-Identifier: MIT */
/* Runs every host unit-test suite, one summary line each; fails if any test does. */
#include <stdio.h>
#include "unit.h"

static Suite *(*const suites[])(void) = {
	elf_suite,
	cmdline_suite,
	ustar_suite,
	config_suite,
	memfs_suite,
	mm_rules_suite,
	page_type_suite,
	minmax_suite,
	ring_suite,
	store_tree_suite,
	store_perms_suite,
	store_tx_suite,
	store_watch_suite,
	store_input_suite,
	xenstored_suite,
};

int main(void)
{
	int run = 0, failed = 0;
	size_t i;

	/* One runner per suite so each suite gets its own "Checks: ..." line. */
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		SRunner *sr = srunner_create(suites[i]());

		srunner_run_all(sr, CK_NORMAL);
		run += srunner_ntests_run(sr);
		failed += srunner_ntests_failed(sr);
		srunner_free(sr);
	}
	printf("unit tests: %d run, %d passed, %d failed\n", run, run - failed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
