# SPDX-License-Identifier: MIT
XT_NAME := evtchn_timer
XT_CATEGORY := positive
