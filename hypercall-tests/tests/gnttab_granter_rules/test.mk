# SPDX-License-Identifier: MIT
XT_NAME := gnttab_granter_rules
XT_CATEGORY := negative
