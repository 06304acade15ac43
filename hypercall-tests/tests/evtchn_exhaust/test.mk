# SPDX-License-Identifier: MIT
XT_NAME := evtchn_exhaust
XT_CATEGORY := negative
