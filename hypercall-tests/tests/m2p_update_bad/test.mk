# SPDX-License-Identifier: MIT
XT_NAME := m2p_update_bad
XT_CATEGORY := negative
