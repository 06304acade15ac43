# SPDX-License-Identifier: MIT
XT_NAME := gnttab_copy
XT_CATEGORY := positive
