# SPDX-License-Identifier: MIT
XT_NAME := mmu_update_basic
XT_CATEGORY := positive
