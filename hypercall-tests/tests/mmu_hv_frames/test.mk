# SPDX-License-Identifier: MIT
XT_NAME := mmu_hv_frames
XT_CATEGORY := negative
