# SPDX-License-Identifier: MIT
# The store: its core (xenstore/core/) and the host programs built on it,
# $(BUILD)/host/xenstored (the daemon on a Unix socket) and
# $(BUILD)/host/xs-bench (operations per second against a daemon).
# `make host-xenstore` builds both, for any BUILD.

ifndef BUILD
$(error BUILD is not set: include xenstore/build.mk from the top Makefile)
endif
ifndef HOST_CFLAGS
$(error HOST_CFLAGS is not set: include scripts/config.mk first)
endif

# The core, one concept a file (see xenstore/README.md).
xs-core-y += errors.c
xs-core-y += path.c
xs-core-y += perms.c
xs-core-y += node.c
xs-core-y += db.c
xs-core-y += quota.c
xs-core-y += view.c
xs-core-y += tree.c
xs-core-y += watch.c
xs-core-y += transaction.c
xs-core-y += domain.c
xs-core-y += conn.c
xs-core-y += protocol.c
xs-core-y += store.c

# The daemon.
xs-daemon-y += xenstored.c
xs-daemon-y += options.c
xs-daemon-y += server.c

XS_CORE_SRCS := $(addprefix xenstore/core/,$(xs-core-y))
XS_HOST_OBJDIR := $(BUILD)/host/xenstore
XS_CORE_OBJS := $(patsubst xenstore/%.c,$(XS_HOST_OBJDIR)/%.o,$(XS_CORE_SRCS))
XS_DAEMON_OBJS := $(patsubst %.c,$(XS_HOST_OBJDIR)/host/%.o,$(xs-daemon-y))
XS_CFLAGS := $(HOST_CFLAGS) -MMD -MP -iquote xenstore/core

.PHONY: host-xenstore
host-xenstore: $(BUILD)/host/xenstored $(BUILD)/host/xs-bench
all: host-xenstore

$(XS_HOST_OBJDIR)/%.o: xenstore/%.c
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(XS_CFLAGS) -c -o $@ $<

$(BUILD)/host/xenstored: $(XS_DAEMON_OBJS) $(XS_CORE_OBJS)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^ -llmdb

$(BUILD)/host/xs-bench: $(XS_HOST_OBJDIR)/host/xs-bench.o
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^

-include $(XS_CORE_OBJS:.o=.d) $(XS_DAEMON_OBJS:.o=.d) $(XS_HOST_OBJDIR)/host/xs-bench.d
