# SPDX-License-Identifier: MIT
XT_NAME := trap_pf
XT_CATEGORY := positive
