# SPDX-License-Identifier: MIT
XT_NAME := mmu_pin_bad_contents
XT_CATEGORY := negative
