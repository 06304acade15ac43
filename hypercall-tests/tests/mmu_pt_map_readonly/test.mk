# SPDX-License-Identifier: MIT
XT_NAME := mmu_pt_map_readonly
XT_CATEGORY := positive
