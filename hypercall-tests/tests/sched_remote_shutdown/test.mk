# SPDX-License-Identifier: MIT
XT_NAME := sched_remote_shutdown
XT_CATEGORY := negative
