# SPDX-License-Identifier: MIT
XT_NAME := trap_mask_events
XT_CATEGORY := positive
