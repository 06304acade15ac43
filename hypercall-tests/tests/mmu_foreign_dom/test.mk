# SPDX-License-Identifier: MIT
XT_NAME := mmu_foreign_dom
XT_CATEGORY := negative
