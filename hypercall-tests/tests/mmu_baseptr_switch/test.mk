# SPDX-License-Identifier: MIT
XT_NAME := mmu_baseptr_switch
XT_CATEGORY := positive
