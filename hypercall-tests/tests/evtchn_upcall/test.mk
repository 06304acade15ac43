# SPDX-License-Identifier: MIT
XT_NAME := evtchn_upcall
XT_CATEGORY := positive
