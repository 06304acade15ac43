# SPDX-License-Identifier: MIT
XT_NAME := sched_poll
XT_CATEGORY := negative
