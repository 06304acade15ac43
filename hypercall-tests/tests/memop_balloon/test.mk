# SPDX-License-Identifier: MIT
XT_NAME := memop_balloon
XT_CATEGORY := positive
