# SPDX-License-Identifier: MIT
XT_NAME := sched_yield_other
XT_CATEGORY := positive
# Booted twice: as dom0 and as the unprivileged domain "spinner" (d1).
XT_EXTRA_MODULES := domain=spinner mem=16
