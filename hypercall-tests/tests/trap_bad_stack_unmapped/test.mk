# SPDX-License-Identifier: MIT
XT_NAME := trap_bad_stack_unmapped
XT_CATEGORY := negative
# Expected outcome: the domain is crashed (dom0: QEMU exits with status 5).
XT_EXPECT_STATUS := 5
XT_EXPECT_OUTPUT := d0: crashed: .*UD
