# SPDX-License-Identifier: MIT
# dom0: the guest kernel plus dom0-tools, linked into build/dom0.elf; and dom0's default initrd.

DOM0_DIR := dom0-tools
DOM0_BUILD := $(BUILD)/dom0-tools

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

DOM0_OBJS := $(addprefix $(DOM0_BUILD)/,$(dom0-obj-y))
DOM0_CFLAGS := -I$(DOM0_DIR) -I$(DOM0_DIR)/lib

$(DOM0_OBJS): $(DOM0_BUILD)/%.o: $(DOM0_DIR)/%.c
	$(call guest-cc,$@,$<,$(DOM0_CFLAGS))

$(BUILD)/dom0.elf: $(DOM0_OBJS) $(GUEST_LINK_DEPS)
	$(call guest-link,$@,$(DOM0_OBJS))

-include $(DOM0_OBJS:.o=.d)

# The default initrd: everything under dom0-tools/initrd/, stored as etc/rc
# and so on. Fixed owner, mode and times and sorted names make the archive
# byte-for-byte reproducible.
DOM0_INITRD_DIR := $(DOM0_DIR)/initrd
DOM0_INITRD_FILES := $(shell find $(DOM0_INITRD_DIR) -type f 2>/dev/null)

$(BUILD)/dom0-initrd.tar: $(DOM0_INITRD_FILES)
	@mkdir -p $(dir $@)
	$(quiet) TAR $@
	$(Q)tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
		--mode=u+rw,go+r,go-w --sort=name \
		-C $(DOM0_INITRD_DIR) -cf $@ $(sort $(notdir $(wildcard $(DOM0_INITRD_DIR)/*)))
