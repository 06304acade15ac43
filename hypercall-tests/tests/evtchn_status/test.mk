# SPDX-License-Identifier: MIT
XT_NAME := evtchn_status
XT_CATEGORY := positive
