# SPDX-License-Identifier: MIT
XT_NAME := domctl_console_physinfo
XT_CATEGORY := positive
