# SPDX-License-Identifier: MIT
XT_NAME := trap_int_n
XT_CATEGORY := negative
