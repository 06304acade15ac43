# SPDX-License-Identifier: MIT
XT_NAME := trap_iret_bad
XT_CATEGORY := negative
