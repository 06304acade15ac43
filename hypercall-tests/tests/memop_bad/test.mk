# SPDX-License-Identifier: MIT
XT_NAME := memop_bad
XT_CATEGORY := negative
