# SPDX-License-Identifier: MIT
XT_NAME := m2p_update
XT_CATEGORY := positive
