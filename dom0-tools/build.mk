# SPDX-License-Identifier: MIT
# dom0: the guest kernel plus dom0-tools (and LMDB with its POSIX shim,
# xenstore/dom0/build.mk), linked into build/dom0.elf; the demo guests
# (guests/build.mk); and dom0's default initrd.

DOM0_DIR := dom0-tools
DOM0_BUILD := $(BUILD)/dom0-tools
# The ELF and layout code the hypervisor builds dom0 with, compiled here too (not copied).
LIBBUILD_DIR := hypervisor/common/libbuild

dom0-obj-y += main.o
dom0-obj-y += initrd.o
dom0-obj-y += shell/shell.o
dom0-obj-y += shell/readline.o
dom0-obj-y += shell/cmdtable.o
dom0-obj-y += shell/builtins.o
dom0-obj-y += shell/files.o
dom0-obj-y += shell/bench.o
dom0-obj-y += shell/mem.o
dom0-obj-y += shell/fault.o
dom0-obj-y += lib/ustar.o
dom0-obj-y += toolstack/config.o
dom0-obj-y += toolstack/errname.o
dom0-obj-y += toolstack/domctl.o
dom0-obj-y += toolstack/foreign.o
dom0-obj-y += toolstack/build.o
dom0-obj-y += toolstack/domains.o
dom0-obj-y += toolstack/create.o
dom0-obj-y += toolstack/policy.o
dom0-obj-y += toolstack/devices.o
dom0-obj-y += backends/console.o
dom0-obj-y += backends/console_attach.o
dom0-obj-y += shl/shl.o
dom0-obj-y += shl/cmdtable.o
dom0-obj-y += shl/vmcontrol.o
dom0-obj-y += shl/info.o
dom0-obj-y += shl/sched.o
dom0-obj-y += shl/memory.o
dom0-obj-y += shl/console.o
dom0-obj-y += tools/repeat.o
dom0-obj-y += tools/stress.o
dom0-obj-y += tools/bench_domains.o
dom0-obj-y += tools/evtchn.o
dom0-obj-y += tools/gnttab.o
dom0-obj-y += tools/console.o

# Objects that use LMDB or the POSIX shim's headers (xenstore/dom0/build.mk).
dom0-posix-obj-y += shell/lmdb_selftest.o
dom0-posix-obj-y += shell/lmdb_bench.o
dom0-posix-obj-y += shell/lmdb_data.o
# dom0's store service and the code that uses the store's client library.
dom0-posix-obj-y += store/service.o
dom0-posix-obj-y += store/local.o
dom0-posix-obj-y += toolstack/store_domain.o
dom0-posix-obj-y += backends/console_store.o
dom0-posix-obj-y += shl/xenstore.o
dom0-posix-obj-y += tools/store_bench.o

libbuild-obj-y += elf.o
libbuild-obj-y += layout.o

DOM0_OBJS := $(addprefix $(DOM0_BUILD)/,$(dom0-obj-y))
DOM0_POSIX_OBJS := $(addprefix $(DOM0_BUILD)/,$(dom0-posix-obj-y))
DOM0_LIBBUILD_OBJS := $(addprefix $(DOM0_BUILD)/libbuild/,$(libbuild-obj-y))
DOM0_CFLAGS := -I$(DOM0_DIR) -I$(DOM0_DIR)/lib -I$(LIBBUILD_DIR)
DOM0_STORE_CFLAGS := -Ixenstore/core -Ixenstore/lib

# The store core (xenstore/build.mk) and the client library's portable part
# (xenstore/lib.mk), compiled for dom0 over the POSIX shim: the same sources
# the host daemon and tools are built from.
DOM0_XS_SRCS := $(XS_CORE_SRCS) $(addprefix xenstore/lib/,$(xslib-portable-y))
DOM0_XS_OBJS := $(patsubst xenstore/%.c,$(DOM0_BUILD)/xenstore/%.o,$(DOM0_XS_SRCS))

# The LMDB map is reserved up front in dom0's memory: the memory file
# system's size (xenstore/dom0/posix/include/memfs.h), not the host's 1 GiB.
$(DOM0_XS_OBJS): $(DOM0_BUILD)/xenstore/%.o: xenstore/%.c
	$(call posix-cc,$@,$<,$(DOM0_STORE_CFLAGS) -DDB_MAP_SIZE=MEMFS_LMDB_MAPSIZE -include memfs.h)

$(DOM0_OBJS): $(DOM0_BUILD)/%.o: $(DOM0_DIR)/%.c
	$(call guest-cc,$@,$<,$(DOM0_CFLAGS))

$(DOM0_POSIX_OBJS): $(DOM0_BUILD)/%.o: $(DOM0_DIR)/%.c
	$(call posix-cc,$@,$<,$(DOM0_CFLAGS) $(DOM0_STORE_CFLAGS))

$(DOM0_LIBBUILD_OBJS): $(DOM0_BUILD)/libbuild/%.o: $(LIBBUILD_DIR)/%.c
	$(call guest-cc,$@,$<)

DOM0_LINK_OBJS := $(DOM0_OBJS) $(DOM0_POSIX_OBJS) $(DOM0_XS_OBJS) $(DOM0_LIBBUILD_OBJS) \
	$(DOM0_LMDB_LIB)

$(BUILD)/dom0.elf: $(DOM0_LINK_OBJS) $(GUEST_LINK_DEPS)
	$(call guest-link,$@,$(DOM0_LINK_OBJS))

-include $(DOM0_OBJS:.o=.d) $(DOM0_POSIX_OBJS:.o=.d) $(DOM0_XS_OBJS:.o=.d) \
	$(DOM0_LIBBUILD_OBJS:.o=.d)

include $(DOM0_DIR)/guests/build.mk

# The default initrd: everything under dom0-tools/initrd/ (etc/rc, etc/motd,
# etc/shale/*.cfg) plus the default demo guests as boot/NAME.elf, staged in
# one directory. Fixed owner, mode and times and sorted names make the
# archive byte-for-byte reproducible.
DOM0_INITRD_DIR := $(DOM0_DIR)/initrd
DOM0_INITRD_FILES := $(shell find $(DOM0_INITRD_DIR) -type f 2>/dev/null)
DOM0_INITRD_STAGE := $(BUILD)/dom0-initrd
DOM0_INITRD_GUESTS := $(patsubst %,$(BUILD)/guests/%.elf,$(DEMO_GUESTS_DEFAULT))

$(BUILD)/dom0-initrd.tar: $(DOM0_INITRD_FILES) $(DOM0_INITRD_GUESTS)
	@mkdir -p $(dir $@)
	$(quiet) TAR $@
	$(Q)rm -rf $(DOM0_INITRD_STAGE) && mkdir -p $(DOM0_INITRD_STAGE)/boot
	$(Q)cp -R $(DOM0_INITRD_DIR)/. $(DOM0_INITRD_STAGE)/
	$(Q)cp $(DOM0_INITRD_GUESTS) $(DOM0_INITRD_STAGE)/boot/
	$(Q)tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
		--mode=u+rw,go+r,go-w --sort=name \
		-C $(DOM0_INITRD_STAGE) -cf $@ $(sort $(notdir $(wildcard $(DOM0_INITRD_DIR)/*)) boot)
