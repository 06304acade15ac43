#!/bin/sh
# SPDX-License-Identifier: MIT
# `make test`: host unit tests, the conformance suite, the store tests
# against the host daemon and the boot/system tests under QEMU.
# Every stage runs even when an earlier one fails; the last line is the
# total, "N passed, N failed", and the exit status is non-zero on failure.
set -u
cd "$(dirname "$0")/.."
results=build/test-results
rm -rf "$results"
mkdir -p "$results"

echo "== host unit tests (make check) =="
make --no-print-directory check 2>&1 | tee "$results/check.txt"
check_status=$(grep -c '^unit tests: .* 0 failed$' "$results/check.txt")

echo "== conformance suite (hypercall-tests) =="
python3 hypercall-tests/run.py -j 2 | tee "$results/conformance.txt"

echo "== store tests (host xenstored and its clients) =="
python3 tests/xenstore/run.py | tee "$results/xenstore.txt"

echo "== boot and system tests =="
python3 tests/boot/run.py | tee "$results/boot.txt"

summary=$(grep '^unit tests: ' "$results/check.txt" | tail -n 1)
unit_pass=$(echo "$summary" | sed -n 's/.* \([0-9]*\) passed.*/\1/p')
unit_fail=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
runners="boot conformance xenstore"
boot_pass=$(for f in $runners; do cat "$results/$f.txt"; done | grep -c '^PASS ')
boot_fail=$(for f in $runners; do cat "$results/$f.txt"; done | grep -c '^FAIL ')
# A runner that died before its summary line counts as a failure.
for f in $runners; do
	grep -q ' passed, ' "$results/$f.txt" || boot_fail=$((boot_fail + 1))
done
# Unit tests that failed to build or crashed count as a failure.
if [ "$check_status" -eq 0 ] && [ "${unit_fail:-0}" -eq 0 ]; then
	unit_fail=1
fi
passed=$(( ${unit_pass:-0} + boot_pass ))
failed=$(( ${unit_fail:-0} + boot_fail ))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
