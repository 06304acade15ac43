#!/bin/sh
# SPDX-License-Identifier: MIT
# `make test`: host unit tests, then the boot/system tests under QEMU.
# Every stage runs even when an earlier one fails; the last line is the
# total, "N passed, N failed", and the exit status is non-zero on failure.
set -u
cd "$(dirname "$0")/.."
results=build/test-results
rm -rf "$results"
mkdir -p "$results"

echo "== host unit tests (make check) =="
CK_TAP_LOG_FILE_NAME="$PWD/$results/check.tap" make --no-print-directory check
check_status=$?

echo "== boot and system tests =="
python3 tests/boot/run.py | tee "$results/boot.txt"

unit_pass=$(grep -c '^ok ' "$results/check.tap" 2>/dev/null)
unit_fail=$(grep -c '^not ok ' "$results/check.tap" 2>/dev/null)
boot_pass=$(grep -c '^PASS ' "$results/boot.txt")
boot_fail=$(grep -c '^FAIL ' "$results/boot.txt")
# A unit-test binary that failed to build or crashed counts as a failure.
if [ "$check_status" -ne 0 ] && [ "${unit_fail:-0}" -eq 0 ]; then
	unit_fail=1
fi
passed=$(( ${unit_pass:-0} + boot_pass ))
failed=$(( ${unit_fail:-0} + boot_fail ))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
