# SPDX-License-Identifier: MIT
# Demo domUs, one source file each, linked with the guest kernel into build/guests/NAME.elf.
# The default dom0 initrd carries the DEFAULT ones under /boot (dom0-tools/build.mk).

DEMO_GUESTS_DIR := $(DOM0_DIR)/guests
DEMO_GUESTS_BUILD := $(BUILD)/dom0-tools/guests

demo-guests-y += hello
demo-guests-y += ticker
demo-guests-y += crasher
demo-guests-y += binder
demo-guests-y += idle
demo-guests-y += spin
demo-guests-y += echo
demo-guests-y += flood
demo-guests-y += badring
demo-guests-y += storetest
demo-guests-y += storebad

# What the default initrd carries; the tests add the others to theirs.
DEMO_GUESTS_DEFAULT := hello ticker echo

DEMO_GUEST_ELFS := $(patsubst %,$(BUILD)/guests/%.elf,$(demo-guests-y))
DEMO_GUEST_OBJS := $(patsubst %,$(DEMO_GUESTS_BUILD)/%.o,$(demo-guests-y))

$(DEMO_GUEST_OBJS): $(DEMO_GUESTS_BUILD)/%.o: $(DEMO_GUESTS_DIR)/%.c
	$(call guest-cc,$@,$<)

$(DEMO_GUEST_ELFS): $(BUILD)/guests/%.elf: $(DEMO_GUESTS_BUILD)/%.o $(GUEST_LINK_DEPS)
	$(call guest-link,$@,$<)

all: $(DEMO_GUEST_ELFS)

-include $(DEMO_GUEST_OBJS:.o=.d)
