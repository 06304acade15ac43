# SPDX-License-Identifier: MIT
XT_NAME := domctl_destroy_mapped
XT_CATEGORY := negative
