# SPDX-License-Identifier: MIT
# Boot tests: guest kernels the boot-test runner boots as dom0, built along with everything else.

include tests/boot/priv.mk

BOOT_TEST_KERNELS += $(BUILD)/tests/priv.elf

all: $(BOOT_TEST_KERNELS)
