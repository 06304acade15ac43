# SPDX-License-Identifier: MIT
# Shale: the one entry point. Each source directory adds its own targets
# through a build.mk fragment; everything is built under build/.

BUILD := build
export PATH := $(CURDIR)/scripts:$(PATH)

.PHONY: all run test check conformance systest bench clean deps format-check
all: deps

include scripts/config.mk
include hypervisor/build.mk
include guest-kernel/build.mk
include xenstore/dom0/build.mk
include xenstore/build.mk
include xenstore/lib.mk
include dom0-tools/build.mk
# Before the unit tests: they build the store core's sources too.
include tests/unit/build.mk
include tests/boot/build.mk
include hypercall-tests/build.mk

all: $(BUILD)/shale.elf $(BUILD)/dom0.elf $(BUILD)/dom0-initrd.tar $(BUILD)/shale.iso

# Installs missing Debian packages; does nothing when all are present.
deps:
	@scripts/install-deps.sh

$(BUILD)/shale.iso: $(BUILD)/shale.elf $(BUILD)/dom0.elf $(BUILD)/dom0-initrd.tar scripts/mkiso.sh
	@scripts/mkiso.sh $@ $(BUILD)/shale.elf $(BUILD)/dom0.elf $(BUILD)/dom0-initrd.tar

run: all
	scripts/run-qemu.sh --iso $(BUILD)/shale.iso

test: all
	@scripts/run-all-tests.sh

bench: all
	@tests/bench/run.sh

clean:
	rm -rf $(BUILD)
