# SPDX-License-Identifier: MIT
XT_NAME := trap_de_ud
XT_CATEGORY := positive
