# SPDX-License-Identifier: MIT
XT_NAME := gnttab_setup_batch
XT_CATEGORY := negative
