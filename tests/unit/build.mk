# SPDX-License-Identifier: MIT
# Host unit tests (Check): `make check` builds one runner into
# $(BUILD)/host/ with AddressSanitizer and UBSan, runs it, fails on any failure.

ifndef BUILD
$(error BUILD is not set: include tests/unit/build.mk from the top Makefile)
endif
ifndef HOST_CFLAGS
$(error HOST_CFLAGS is not set: include scripts/config.mk first)
endif

# The test runner and its suites.
unit-y += tests/unit/main.c
unit-y += tests/unit/helpers.c
unit-y += tests/unit/test_elf.c
unit-y += tests/unit/test_cmdline.c
unit-y += tests/unit/test_ustar.c
unit-y += tests/unit/test_config.c
unit-y += tests/unit/test_memfs.c
unit-y += tests/unit/store_harness.c
unit-y += tests/unit/test_store_tree.c
unit-y += tests/unit/test_store_perms.c
unit-y += tests/unit/test_store_tx.c
unit-y += tests/unit/test_store_watch.c
unit-y += tests/unit/test_store_input.c
unit-y += tests/unit/test_xenstored.c
unit-y += tests/unit/test_ring.c
unit-hv-y += tests/unit/test_mm_rules.c
unit-hv-y += tests/unit/test_page_type.c
unit-hv-y += tests/unit/test_page_type_random.c
unit-hv-y += tests/unit/test_minmax.c
unit-hv-y += tests/unit/fake/fake_mm.c

# The code under test, built exactly as the hypervisor and dom0-tools build it.
unit-y += hypervisor/common/libbuild/elf.c
unit-y += hypervisor/common/cmdline.c
unit-y += dom0-tools/lib/ustar.c
unit-y += dom0-tools/toolstack/config.c
unit-y += xenstore/dom0/posix/memfs.c
unit-y += $(XS_CORE_SRCS)
unit-hv-y += hypervisor/common/mm_rules.c
unit-hv-y += hypervisor/common/page_type.c
unit-y += $(unit-hv-y)

UNIT_BIN := $(BUILD)/host/unit-tests
UNIT_OBJDIR := $(BUILD)/host/unit
UNIT_OBJS := $(patsubst %.c,$(UNIT_OBJDIR)/%.o,$(unit-y))

# -iquote, not -I: these directories must not shadow system headers such
# as <elf.h> or <string.h> that the tests and libc include.
UNIT_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_CFLAGS := $(HOST_CFLAGS) $(UNIT_SAN) -MMD -MP \
	-iquote tests/unit -iquote hypervisor/common/libbuild -iquote hypervisor/common \
	-iquote dom0-tools/lib -iquote dom0-tools -iquote xenstore/core \
	-iquote xenstore/dom0/posix/include \
	-DUNIT_HOSTCC='"$(HOSTCC)"' -DUNIT_XENSTORED='"$(CURDIR)/$(BUILD)/host/xenstored"'
# Hypervisor code and its tests see the hypervisor's headers first, and
# the fake arch (tests/unit/fake/include/arch/) ahead of the real one, so
# <arch/page.h> and <arch/cpu.h> are the fakes; the real arch headers that
# are plain declarations (regs.h, apic.h) are used as they are.
UNIT_HV_CFLAGS := -iquote hypervisor/include -iquote tests/unit/fake \
	-Itests/unit/fake/include -Ihypervisor/arch/x86/include
$(patsubst %.c,$(UNIT_OBJDIR)/%.o,$(unit-hv-y)): UNIT_CFLAGS := $(UNIT_HV_CFLAGS) $(UNIT_CFLAGS)
# Deferred, so builds that never link the tests never run pkg-config.
UNIT_LIBS = $(shell pkg-config --libs check 2>/dev/null) -llmdb

.PHONY: check
# The xenstored tests run the daemon itself.
check: $(UNIT_BIN) $(BUILD)/host/xenstored
	$(quiet) RUN $<
	$(Q)UBSAN_OPTIONS=print_stacktrace=1 $<

$(UNIT_BIN): $(UNIT_OBJS)
	@test -n "$(UNIT_LIBS)" || \
		{ echo "check (the unit-test framework) not found: run 'make deps'" >&2; exit 1; }
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) $(UNIT_SAN) -o $@ $^ $(UNIT_LIBS)

$(UNIT_OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) $(shell pkg-config --cflags check 2>/dev/null) -c -o $@ $<

-include $(UNIT_OBJS:.o=.d)
