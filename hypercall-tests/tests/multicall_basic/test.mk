# SPDX-License-Identifier: MIT
XT_NAME := multicall_basic
XT_CATEGORY := positive
