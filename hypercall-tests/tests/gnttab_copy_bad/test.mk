# SPDX-License-Identifier: MIT
XT_NAME := gnttab_copy_bad
XT_CATEGORY := negative
