# SPDX-License-Identifier: MIT
XT_NAME := evtchn_loopback
XT_CATEGORY := positive
