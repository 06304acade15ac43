# SPDX-License-Identifier: MIT
XT_NAME := domctl_lifecycle
XT_CATEGORY := positive
