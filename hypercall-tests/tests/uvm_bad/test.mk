# SPDX-License-Identifier: MIT
XT_NAME := uvm_bad
XT_CATEGORY := negative
