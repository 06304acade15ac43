# SPDX-License-Identifier: MIT
XT_NAME := evtchn_offer_id_reuse
XT_CATEGORY := negative
# A test that must crash the domain also sets (regular expression, no '#' or '$'):
# XT_EXPECT_STATUS := 5
# XT_EXPECT_OUTPUT := d0: crashed: .+
# A multi-domain test boots this kernel again as unprivileged domains d1, d2...
# (comma-separated module command lines; see README.md):
# XT_EXTRA_MODULES := domain=unpriv mem=16
