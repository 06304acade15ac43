# SPDX-License-Identifier: MIT
XT_NAME := evtchn_bad_ports
XT_CATEGORY := negative
