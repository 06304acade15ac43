# SPDX-License-Identifier: MIT
# The guest kernel library (libguest.a), its linker script, and how applications link with it.
#
# For applications (dom0-tools, boot-test kernels, domUs):
#   GUEST_CFLAGS             compile flags for code linked into a guest kernel
#   $(call guest-cc,OUT,SRC[,EXTRA_FLAGS])   compile recipe using GUEST_CFLAGS
#   GUEST_LIB, GUEST_LDS     the library and the linker script
#   GUEST_LINK_DEPS          prerequisites of every guest link (library + script)
#   $(call guest-link,OUT,OBJECTS)           link recipe: objects + libguest.a
# The application provides int app_main(const struct shale_start_info *si).

GUEST_DIR := guest-kernel
GUEST_BUILD := $(BUILD)/guest-kernel

# The guest include directory comes first and -nostdinc shuts out the host
# libc headers, so <string.h> is ours; gcc's own freestanding headers
# (stddef.h, stdint.h, stdarg.h, stdbool.h) stay reachable. The loop
# pattern option stops GCC from turning memset-like loops into memset calls
# (fatal inside memset itself).
GUEST_CFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-I$(GUEST_DIR)/include $(FREESTANDING_CFLAGS) -mcmodel=small \
	-fno-tree-loop-distribute-patterns -MMD -MP

GUEST_LDS := $(GUEST_DIR)/arch/x86/guest.lds
GUEST_LIB := $(GUEST_BUILD)/libguest.a
GUEST_LINK_DEPS := $(GUEST_LIB) $(GUEST_LDS)
GUEST_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -T $(GUEST_LDS)

# Canned recipes: each line of a define becomes one recipe line.
define guest-cc
@mkdir -p $(dir $(1))
$(quiet) CC $(1)
$(Q)$(CC) $(GUEST_CFLAGS) $(3) -c -o $(1) $(2)
endef

define guest-link
@mkdir -p $(dir $(1))
$(quiet) LD $(1)
$(Q)$(LD) $(GUEST_LDFLAGS) -o $(1) $(2) $(GUEST_LIB)
endef

guest-obj-y += arch/x86/head.o
guest-obj-y += arch/x86/entry.o
guest-obj-y += arch/x86/switch.o
guest-obj-y += kernel.o
guest-obj-y += console.o
guest-obj-y += console_ring.o
guest-obj-y += traps.o
guest-obj-y += mm.o
guest-obj-y += pagetable.o
guest-obj-y += malloc.o
guest-obj-y += events.o
guest-obj-y += gnttab.o
guest-obj-y += time.o
guest-obj-y += sched.o
guest-obj-y += xenbus.o
guest-obj-y += lib/printf.o
guest-obj-y += lib/string.o

GUEST_OBJS := $(addprefix $(GUEST_BUILD)/,$(guest-obj-y))
# Objects built from assembly: those whose source is a .S file.
GUEST_S_OBJS := $(filter $(patsubst $(GUEST_DIR)/%.S,$(GUEST_BUILD)/%.o,\
	$(wildcard $(GUEST_DIR)/arch/*/*.S)),$(GUEST_OBJS))
GUEST_C_OBJS := $(filter-out $(GUEST_S_OBJS),$(GUEST_OBJS))

$(GUEST_C_OBJS): $(GUEST_BUILD)/%.o: $(GUEST_DIR)/%.c
	$(call guest-cc,$@,$<)

$(GUEST_S_OBJS): $(GUEST_BUILD)/%.o: $(GUEST_DIR)/%.S
	$(call guest-cc,$@,$<)

$(GUEST_LIB): $(GUEST_OBJS)
	@mkdir -p $(dir $@)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

-include $(GUEST_OBJS:.o=.d)
