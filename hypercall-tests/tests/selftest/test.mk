# SPDX-License-Identifier: MIT
XT_NAME := selftest
XT_CATEGORY := positive
