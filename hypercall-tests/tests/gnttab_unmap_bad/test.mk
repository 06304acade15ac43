# SPDX-License-Identifier: MIT
XT_NAME := gnttab_unmap_bad
XT_CATEGORY := negative
