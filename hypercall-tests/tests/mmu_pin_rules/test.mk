# SPDX-License-Identifier: MIT
XT_NAME := mmu_pin_rules
XT_CATEGORY := negative
