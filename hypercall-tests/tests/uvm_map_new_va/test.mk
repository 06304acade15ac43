# SPDX-License-Identifier: MIT
XT_NAME := uvm_map_new_va
XT_CATEGORY := positive
