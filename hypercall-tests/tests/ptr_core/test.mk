# SPDX-License-Identifier: MIT
XT_NAME := ptr_core
XT_CATEGORY := negative
