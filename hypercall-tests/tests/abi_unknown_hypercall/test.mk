# SPDX-License-Identifier: MIT
XT_NAME := abi_unknown_hypercall
XT_CATEGORY := negative
