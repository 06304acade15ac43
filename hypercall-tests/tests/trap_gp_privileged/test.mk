# SPDX-License-Identifier: MIT
XT_NAME := trap_gp_privileged
XT_CATEGORY := positive
