# SPDX-License-Identifier: MIT
XT_NAME := mmu_pt_write_direct
XT_CATEGORY := negative
