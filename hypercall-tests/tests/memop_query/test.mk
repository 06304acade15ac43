# SPDX-License-Identifier: MIT
XT_NAME := memop_query
XT_CATEGORY := positive
