# SPDX-License-Identifier: MIT
XT_NAME := isolation_domu
XT_CATEGORY := negative
# Booted twice: as dom0 and as the unprivileged domain "unpriv" (d1).
XT_EXTRA_MODULES := domain=unpriv mem=16
