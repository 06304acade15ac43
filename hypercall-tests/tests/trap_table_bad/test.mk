# SPDX-License-Identifier: MIT
XT_NAME := trap_table_bad
XT_CATEGORY := negative
