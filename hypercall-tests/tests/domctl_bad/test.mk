# SPDX-License-Identifier: MIT
XT_NAME := domctl_bad
XT_CATEGORY := negative
