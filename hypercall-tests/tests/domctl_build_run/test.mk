# SPDX-License-Identifier: MIT
XT_NAME := domctl_build_run
XT_CATEGORY := positive
