# SPDX-License-Identifier: MIT
XT_NAME := evtchn_bad_bind
XT_CATEGORY := negative
