# SPDX-License-Identifier: MIT
XT_NAME := memop_scrub_idle
XT_CATEGORY := positive
