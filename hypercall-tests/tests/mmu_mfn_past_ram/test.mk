# SPDX-License-Identifier: MIT
XT_NAME := mmu_mfn_past_ram
XT_CATEGORY := negative
