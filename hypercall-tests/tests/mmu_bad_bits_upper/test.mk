# SPDX-License-Identifier: MIT
XT_NAME := mmu_bad_bits_upper
XT_CATEGORY := negative
