# SPDX-License-Identifier: MIT
XT_NAME := evtchn_virq
XT_CATEGORY := negative
