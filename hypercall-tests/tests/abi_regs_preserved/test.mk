# SPDX-License-Identifier: MIT
XT_NAME := abi_regs_preserved
XT_CATEGORY := positive
