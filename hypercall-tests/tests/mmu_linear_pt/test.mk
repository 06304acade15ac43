# SPDX-License-Identifier: MIT
XT_NAME := mmu_linear_pt
XT_CATEGORY := negative
