# SPDX-License-Identifier: MIT
XT_NAME := time_info
XT_CATEGORY := positive
