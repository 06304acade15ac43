# SPDX-License-Identifier: MIT
XT_NAME := gnttab_map_self
XT_CATEGORY := positive
