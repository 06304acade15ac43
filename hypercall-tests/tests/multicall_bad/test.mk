# SPDX-License-Identifier: MIT
XT_NAME := multicall_bad
XT_CATEGORY := negative
