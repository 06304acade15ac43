# SPDX-License-Identifier: MIT
XT_NAME := mmu_reserved_l4_slots
XT_CATEGORY := negative
