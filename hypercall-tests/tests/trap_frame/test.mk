# SPDX-License-Identifier: MIT
XT_NAME := trap_frame
XT_CATEGORY := positive
