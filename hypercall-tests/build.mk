# SPDX-License-Identifier: MIT
# The conformance suite: the framework and one kernel per test,
# build/hypercall-tests/<name>.elf, each booted as dom0 by run.py (and,
# for a multi-domain test, again as unprivileged domains).
#
# A test is a directory tests/<name>/ holding main.c and test.mk; test.mk
# sets XT_NAME (the directory name) and XT_CATEGORY (positive or
# negative), and for a test that must crash the domain XT_EXPECT_STATUS
# and XT_EXPECT_OUTPUT (a regular expression, no '#' or '$'); a
# multi-domain test sets XT_EXTRA_MODULES (comma-separated command lines,
# each "domain=NAME [mem=MiB] ...": the same kernel booted again as an
# unprivileged domain). run.py reads the same file.

XT_DIR := hypercall-tests
XT_BUILD := $(BUILD)/hypercall-tests

# As for guest kernels: our include directories first, -nostdinc keeps the
# host libc headers out, gcc's freestanding headers stay reachable; no
# memset-call synthesis inside memset.
XT_CFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-I$(XT_DIR)/framework/include $(FREESTANDING_CFLAGS) -mcmodel=small \
	-fno-tree-loop-distribute-patterns -MMD -MP

XT_LDS := $(XT_DIR)/framework/test.lds
XT_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -T $(XT_LDS)

xt-fw-y += head.o
xt-fw-y += entry.o
xt-fw-y += setup.o
xt-fw-y += console.o
xt-fw-y += report.o
xt-fw-y += string.o
xt-fw-y += traps.o
xt-fw-y += mm.o
xt-fw-y += events.o
xt-fw-y += domain.o
xt-fw-y += grant.o

XT_FW_OBJS := $(addprefix $(XT_BUILD)/framework/,$(xt-fw-y))

XT_TESTS := $(sort $(patsubst $(XT_DIR)/tests/%/main.c,%,$(wildcard $(XT_DIR)/tests/*/main.c)))
XT_TEST_OBJS := $(patsubst %,$(XT_BUILD)/tests/%/main.o,$(XT_TESTS))
XT_ELFS := $(patsubst %,$(XT_BUILD)/%.elf,$(XT_TESTS))

# Reads each test.mk now, so a missing or malformed one stops the build early.
define xt-load-test
XT_NAME :=
XT_CATEGORY :=
XT_EXPECT_STATUS :=
XT_EXPECT_OUTPUT :=
XT_EXTRA_MODULES :=
include $(XT_DIR)/tests/$(1)/test.mk
ifneq ($$(XT_NAME),$(1))
$$(error $(XT_DIR)/tests/$(1)/test.mk: XT_NAME must be $(1))
endif
ifeq ($$(filter positive negative,$$(XT_CATEGORY)),)
$$(error $(XT_DIR)/tests/$(1)/test.mk: XT_CATEGORY must be positive or negative)
endif
ifneq ($$(XT_EXTRA_MODULES),)
ifneq ($$(XT_EXPECT_STATUS),)
$$(error $(XT_DIR)/tests/$(1)/test.mk: XT_EXTRA_MODULES and XT_EXPECT_STATUS do not combine)
endif
ifeq ($$(findstring domain=,$$(XT_EXTRA_MODULES)),)
$$(error $(XT_DIR)/tests/$(1)/test.mk: each XT_EXTRA_MODULES entry needs domain=NAME)
endif
endif
endef
$(foreach t,$(XT_TESTS),$(eval $(call xt-load-test,$(t))))

$(XT_BUILD)/framework/%.o: $(XT_DIR)/framework/%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(XT_CFLAGS) -c -o $@ $<

$(XT_BUILD)/framework/%.o: $(XT_DIR)/framework/%.S
	@mkdir -p $(dir $@)
	$(quiet) AS $@
	$(Q)$(CC) $(XT_CFLAGS) -c -o $@ $<

$(XT_TEST_OBJS): $(XT_BUILD)/tests/%/main.o: $(XT_DIR)/tests/%/main.c
	@mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(XT_CFLAGS) -c -o $@ $<

$(XT_ELFS): $(XT_BUILD)/%.elf: $(XT_BUILD)/tests/%/main.o $(XT_FW_OBJS) $(XT_LDS)
	$(quiet) LD $@
	$(Q)$(LD) $(XT_LDFLAGS) -o $@ $(XT_FW_OBJS) $<

# Benchmark kernels: bench/<name>/main.c -> bench-<name>.elf, run by make bench.
XT_BENCHES := $(sort $(patsubst $(XT_DIR)/bench/%/main.c,%,$(wildcard $(XT_DIR)/bench/*/main.c)))
XT_BENCH_ELFS := $(patsubst %,$(XT_BUILD)/bench-%.elf,$(XT_BENCHES))

$(XT_BUILD)/bench/%/main.o: $(XT_DIR)/bench/%/main.c
	@mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(XT_CFLAGS) -c -o $@ $<

$(XT_BENCH_ELFS): $(XT_BUILD)/bench-%.elf: $(XT_BUILD)/bench/%/main.o $(XT_FW_OBJS) $(XT_LDS)
	$(quiet) LD $@
	$(Q)$(LD) $(XT_LDFLAGS) -o $@ $(XT_FW_OBJS) $<

all: $(XT_ELFS) $(XT_BENCH_ELFS)

conformance: all
	@SHALE_BUILD=$(BUILD) python3 $(XT_DIR)/run.py

-include $(XT_FW_OBJS:.o=.d) $(XT_TEST_OBJS:.o=.d)
