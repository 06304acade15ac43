# SPDX-License-Identifier: MIT
XT_NAME := abi_unknown_subops
XT_CATEGORY := negative
