# SPDX-License-Identifier: MIT
XT_NAME := gnttab_map_bad
XT_CATEGORY := negative
