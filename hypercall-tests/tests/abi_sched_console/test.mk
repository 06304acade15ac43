# SPDX-License-Identifier: MIT
XT_NAME := abi_sched_console
XT_CATEGORY := positive
