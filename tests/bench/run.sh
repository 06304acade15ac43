#!/bin/sh
# SPDX-License-Identifier: MIT
# `make bench`: prints the benchmark figures (see docs/PERFORMANCE.md).
set -e
cd "$(dirname "$0")/../.."
exec python3 tests/bench/bench.py "$@"
