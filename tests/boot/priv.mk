# SPDX-License-Identifier: MIT
# The negative boot-test kernel: build/tests/priv.elf executes the privileged instruction named
# by insn= on its command line.

PRIV_DIR := tests/boot/priv
PRIV_BUILD := $(BUILD)/tests/boot/priv

priv-obj-y += main.o

PRIV_OBJS := $(addprefix $(PRIV_BUILD)/,$(priv-obj-y))

$(PRIV_OBJS): $(PRIV_BUILD)/%.o: $(PRIV_DIR)/%.c
	$(call guest-cc,$@,$<)

$(BUILD)/tests/priv.elf: $(PRIV_OBJS) $(GUEST_LINK_DEPS)
	$(call guest-link,$@,$(PRIV_OBJS))

-include $(PRIV_OBJS:.o=.d)
