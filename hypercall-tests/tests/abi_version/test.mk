# SPDX-License-Identifier: MIT
XT_NAME := abi_version
XT_CATEGORY := positive
