# SPDX-License-Identifier: MIT
XT_NAME := trap_bp
XT_CATEGORY := positive
