# SPDX-License-Identifier: MIT
XT_NAME := m2p_readonly
XT_CATEGORY := negative
