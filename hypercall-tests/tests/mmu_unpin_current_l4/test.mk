# SPDX-License-Identifier: MIT
XT_NAME := mmu_unpin_current_l4
XT_CATEGORY := negative
