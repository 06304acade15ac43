# SPDX-License-Identifier: MIT
XT_NAME := mmu_update_kinds
XT_CATEGORY := negative
