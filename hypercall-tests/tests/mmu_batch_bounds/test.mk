# SPDX-License-Identifier: MIT
XT_NAME := mmu_batch_bounds
XT_CATEGORY := negative
