# SPDX-License-Identifier: MIT
XT_NAME := domctl_sched
XT_CATEGORY := negative
