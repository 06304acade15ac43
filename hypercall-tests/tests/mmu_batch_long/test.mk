# SPDX-License-Identifier: MIT
XT_NAME := mmu_batch_long
XT_CATEGORY := positive
