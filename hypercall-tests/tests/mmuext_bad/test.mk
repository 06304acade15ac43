# SPDX-License-Identifier: MIT
XT_NAME := mmuext_bad
XT_CATEGORY := negative
