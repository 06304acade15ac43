# SPDX-License-Identifier: MIT
XT_NAME := uvm_flush_flags
XT_CATEGORY := positive
