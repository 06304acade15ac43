# SPDX-License-Identifier: MIT
XT_NAME := gnttab_pte_protect
XT_CATEGORY := negative
