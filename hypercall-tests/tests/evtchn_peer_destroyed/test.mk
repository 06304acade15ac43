# SPDX-License-Identifier: MIT
XT_NAME := evtchn_peer_destroyed
XT_CATEGORY := positive
# Booted twice: as dom0 and as the unprivileged domain "peer" (d1).
XT_EXTRA_MODULES := domain=peer mem=16
