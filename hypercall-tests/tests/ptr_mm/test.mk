# SPDX-License-Identifier: MIT
XT_NAME := ptr_mm
XT_CATEGORY := negative
