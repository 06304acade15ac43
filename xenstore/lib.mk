# SPDX-License-Identifier: MIT
# The store's client library and the xenstore-* host tools (xenstore/lib/,
# xenstore/tools/), built into $(BUILD)/host/. dom0 builds the portable
# part too (dom0-tools/build.mk), so a host-only call there fails the build.

ifndef HOST_CFLAGS
$(error HOST_CFLAGS is not set: include scripts/config.mk before xenstore/lib.mk)
endif

XSLIB_DIR := xenstore/lib
XSTOOLS_DIR := xenstore/tools
XSLIB_BUILD := $(BUILD)/host/xslib

# The portable message layer: only <string.h>, <stdlib.h>, <stdio.h>, <errno.h>.
xslib-portable-y += xs.c
xslib-portable-y += xs_ops.c
xslib-portable-y += xs_perms.c
xslib-portable-y += xs_escape.c
# The host transport.
xslib-host-y += xs_unix.c

xstools-y += xenstore-read
xstools-y += xenstore-write
xstools-y += xenstore-ls
xstools-y += xenstore-rm
xstools-y += xenstore-watch
xstools-y += xenstore-chmod

XSLIB_OBJS := $(patsubst %.c,$(XSLIB_BUILD)/lib/%.o,$(xslib-portable-y) $(xslib-host-y))
XSLIB_A := $(XSLIB_BUILD)/libxs.a
XSTOOL_COMMON_OBJ := $(XSLIB_BUILD)/tools/tool.o
XSTOOLS := $(addprefix $(BUILD)/host/,$(xstools-y))
XSLIB_CFLAGS := $(HOST_CFLAGS) -MMD -MP -iquote $(XSLIB_DIR) -iquote $(XSTOOLS_DIR)

# The library's tests (fake transport; a live daemon) and the client benchmark.
XSLIB_TEST := $(BUILD)/host/xs-lib-test
XSLIB_LIVE_TEST := $(BUILD)/host/xs-lib-live-test
XS_CLIENT_BENCH := $(BUILD)/host/xs-client-bench
XSLIB_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

all: $(XSTOOLS) $(XSLIB_TEST) $(XSLIB_LIVE_TEST) $(XS_CLIENT_BENCH)

$(XSLIB_BUILD)/lib/%.o: $(XSLIB_DIR)/%.c
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(XSLIB_CFLAGS) -c -o $@ $<

$(XSLIB_BUILD)/tools/%.o: $(XSTOOLS_DIR)/%.c
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(XSLIB_CFLAGS) -c -o $@ $<

$(XSLIB_A): $(XSLIB_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(XSTOOLS): $(BUILD)/host/%: $(XSLIB_BUILD)/tools/%.o $(XSTOOL_COMMON_OBJ) $(XSLIB_A)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^

# The test links the portable sources itself, with the sanitizers.
XSLIB_TEST_SRCS := tests/xenstore/lib_test.c $(addprefix $(XSLIB_DIR)/,$(xslib-portable-y))
$(XSLIB_TEST): $(XSLIB_TEST_SRCS) $(wildcard $(XSLIB_DIR)/*.h)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $@
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(XSLIB_SAN) -iquote $(XSLIB_DIR) -o $@ $(XSLIB_TEST_SRCS)

XSLIB_LIVE_TEST_SRCS := tests/xenstore/lib_live_test.c \
	$(addprefix $(XSLIB_DIR)/,$(xslib-portable-y) $(xslib-host-y))
$(XSLIB_LIVE_TEST): $(XSLIB_LIVE_TEST_SRCS) $(wildcard $(XSLIB_DIR)/*.h)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $@
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(XSLIB_SAN) -iquote $(XSLIB_DIR) -o $@ $(XSLIB_LIVE_TEST_SRCS)

$(XS_CLIENT_BENCH): $(XSLIB_BUILD)/tools/xs-client-bench.o $(XSLIB_A)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^

$(XSLIB_BUILD)/tools/xs-client-bench.o: tests/xenstore/xs-client-bench.c
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(XSLIB_CFLAGS) -O2 -c -o $@ $<

-include $(XSLIB_OBJS:.o=.d) $(XSTOOL_COMMON_OBJ:.o=.d) $(XSTOOLS:$(BUILD)/host/%=$(XSLIB_BUILD)/tools/%.d)
