#!/bin/sh
# SPDX-License-Identifier: MIT
# Scaffolds a conformance test: hypercall-tests/new-test.sh NAME [positive|negative]
# creates tests/NAME/main.c and tests/NAME/test.mk; `make` then builds
# build/hypercall-tests/NAME.elf and `hypercall-tests/run.py NAME` runs it.
set -eu

usage() {
	echo "usage: $0 NAME [positive|negative]" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
name=$1
category=${2:-negative}
case "$name" in
''|*[!a-z0-9_]*) echo "new-test: NAME must be lower case letters, digits and _" >&2; exit 2 ;;
esac
case "$category" in
positive|negative) ;;
*) usage ;;
esac

dir=$(dirname "$0")/tests/$name
if [ -e "$dir" ]; then
	echo "new-test: $dir already exists" >&2
	exit 1
fi
mkdir -p "$dir"

cat > "$dir/test.mk" <<MK
# SPDX-License-Identifier: MIT
XT_NAME := $name
XT_CATEGORY := $category
# A test that must crash the domain also sets (regular expression, no '#' or '\$'):
# XT_EXPECT_STATUS := 5
# XT_EXPECT_OUTPUT := d0: crashed: .+
# A multi-domain test boots this kernel again as unprivileged domains d1, d2...
# (comma-separated module command lines; see README.md):
# XT_EXTRA_MODULES := domain=unpriv mem=16
MK

cat > "$dir/main.c" <<C
/* SPDX-License-Identifier: MIT */
/*
 * $name: WHAT is tested.
 *
 * Why: WHY it matters (the rule in docs/ or include/public it checks).
 *
 * Broken hypervisor: WHAT a broken one does, and how this test sees it.
 */
#include <xt.h>

const char test_title[] = "$name: one line";

static const struct {
	uint64_t arg;
	long expect;
	const char *what;
} cases[] = {
	{ 0, -SHALE_ENOSYS, "first case" },
};

void test_main(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		long rc = hc_raw(64, cases[i].arg, 0, 0, 0, 0, 0);

		xt_expect_refused(rc, cases[i].expect, cases[i].what);
	}
	xt_pass();
}
C

echo "new-test: created $dir (main.c, test.mk)"
