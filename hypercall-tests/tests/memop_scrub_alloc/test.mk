# SPDX-License-Identifier: MIT
XT_NAME := memop_scrub_alloc
XT_CATEGORY := positive
XT_HV_CMDLINE := scrub=alloc
