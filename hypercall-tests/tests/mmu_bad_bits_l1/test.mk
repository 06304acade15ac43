# SPDX-License-Identifier: MIT
XT_NAME := mmu_bad_bits_l1
XT_CATEGORY := negative
