# SPDX-License-Identifier: MIT
XT_NAME := evtchn_mask
XT_CATEGORY := positive
