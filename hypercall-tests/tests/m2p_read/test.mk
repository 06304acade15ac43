# SPDX-License-Identifier: MIT
XT_NAME := m2p_read
XT_CATEGORY := positive
