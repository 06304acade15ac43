# SPDX-License-Identifier: MIT
XT_NAME := gnttab_granter_destroyed
XT_CATEGORY := negative
# Booted twice: as dom0 (the mapper) and as the unprivileged domain "granter" (d1).
XT_EXTRA_MODULES := domain=granter mem=16
