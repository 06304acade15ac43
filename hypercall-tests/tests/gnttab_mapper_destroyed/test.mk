# SPDX-License-Identifier: MIT
XT_NAME := gnttab_mapper_destroyed
XT_CATEGORY := positive
# Booted twice: as dom0 (the granter) and as the unprivileged domain "mapper" (d1).
XT_EXTRA_MODULES := domain=mapper mem=16
