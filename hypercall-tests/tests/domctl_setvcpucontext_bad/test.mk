# SPDX-License-Identifier: MIT
XT_NAME := domctl_setvcpucontext_bad
XT_CATEGORY := negative
