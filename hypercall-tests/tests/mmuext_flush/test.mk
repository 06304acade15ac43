# SPDX-License-Identifier: MIT
XT_NAME := mmuext_flush
XT_CATEGORY := positive
