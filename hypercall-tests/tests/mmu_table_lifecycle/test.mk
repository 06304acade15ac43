# SPDX-License-Identifier: MIT
XT_NAME := mmu_table_lifecycle
XT_CATEGORY := positive
