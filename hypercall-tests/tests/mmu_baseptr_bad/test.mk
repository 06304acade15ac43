# SPDX-License-Identifier: MIT
XT_NAME := mmu_baseptr_bad
XT_CATEGORY := negative
