# SPDX-License-Identifier: MIT
XT_NAME := mmu_pt_map_writable
XT_CATEGORY := negative
