# SPDX-License-Identifier: MIT
XT_NAME := memop_balloon_long
XT_CATEGORY := positive
