# SPDX-License-Identifier: MIT
# The hypervisor: build/shale.elf, linked twice so the second link carries
# a symbol table for backtraces.

HV_BUILD := $(BUILD)/hypervisor
HV_CFLAGS := $(FREESTANDING_CFLAGS) -mcmodel=kernel -Ihypervisor/include \
	-Ihypervisor/arch/x86/include -Ihypervisor/common -I$(HV_BUILD)

hv-arch-y += arch/x86/boot.o
hv-arch-y += arch/x86/entry.o
hv-arch-y += arch/x86/usercopy.o
hv-arch-y += arch/x86/setup.o
hv-arch-y += arch/x86/cpu.o
hv-arch-y += arch/x86/desc.o
hv-arch-y += arch/x86/traps.o
hv-arch-y += arch/x86/paging.o
hv-arch-y += arch/x86/multiboot.o
hv-arch-y += arch/x86/serial.o
hv-arch-y += arch/x86/apic.o
hv-arch-y += arch/x86/tsc.o
hv-arch-y += arch/x86/machine.o
hv-arch-y += arch/x86/vcpu.o
hv-arch-y += arch/x86/pv_traps.o
hv-arch-y += arch/x86/context.o
hv-arch-y += arch/x86/rtc.o

hv-common-y += common/string.o
hv-common-y += common/vsnprintf.o
hv-common-y += common/printk.o
hv-common-y += common/console.o
hv-common-y += common/cmdline.o
hv-common-y += common/params.o
hv-common-y += common/symbols.o
hv-common-y += common/frame.o
hv-common-y += common/domain.o
hv-common-y += common/boot_domain.o
hv-common-y += common/hypercall.o
hv-common-y += common/console_io.o
hv-common-y += common/sched.o
hv-common-y += common/version.o
hv-common-y += common/mm_rules.o
hv-common-y += common/page_type.o
hv-common-y += common/mm.o
hv-common-y += common/m2p.o
hv-common-y += common/memory.o
hv-common-y += common/multicall.o
hv-common-y += common/schedule.o
hv-common-y += common/time.o
hv-common-y += common/event_channel.o
hv-common-y += common/domctl.o
hv-common-y += common/grant_table.o
hv-common-y += common/grant_pin.o
hv-common-y += common/libbuild/elf.o
hv-common-y += common/libbuild/layout.o

HV_OBJS := $(addprefix $(HV_BUILD)/,$(hv-arch-y) $(hv-common-y))
HV_LDS := hypervisor/arch/x86/hv.lds
HV_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

$(HV_BUILD)/asm-offsets.h: hypervisor/arch/x86/asm-offsets.c hypervisor/arch/x86/include/arch/*.h
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q)$(CC) $(HV_CFLAGS) -S -o $(HV_BUILD)/asm-offsets.s $<
	$(Q)sed -n 's/^->\([A-Za-z_0-9]*\) \$$\?\([0-9-]*\) .*/#define \1 \2/p' \
		$(HV_BUILD)/asm-offsets.s > $@.tmp
	$(Q)mv $@.tmp $@

$(HV_BUILD)/%.o: hypervisor/%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(HV_CFLAGS) -MMD -MP -c -o $@ $<

$(HV_BUILD)/%.o: hypervisor/%.S $(HV_BUILD)/asm-offsets.h
	@mkdir -p $(dir $@)
	$(quiet) AS $@
	$(Q)$(CC) $(HV_CFLAGS) -D__ASSEMBLER__ -MMD -MP -c -o $@ $<

$(HV_BUILD)/symbols-empty.o: scripts/gen-symbols.sh
	@mkdir -p $(dir $@)
	$(Q)scripts/gen-symbols.sh < /dev/null > $(HV_BUILD)/symbols-empty.S
	$(Q)$(CC) -c -o $@ $(HV_BUILD)/symbols-empty.S

$(HV_BUILD)/shale-pass1.elf: $(HV_OBJS) $(HV_BUILD)/symbols-empty.o $(HV_LDS)
	$(quiet) LD $@
	$(Q)$(LD) $(HV_LDFLAGS) -T $(HV_LDS) -o $@ $(HV_OBJS) $(HV_BUILD)/symbols-empty.o

# Text symbols come before .symbols in the image, so their addresses do not
# move when the real table replaces the empty one.
$(BUILD)/shale.elf: $(HV_BUILD)/shale-pass1.elf
	$(quiet) LD $@
	$(Q)$(NM) -n $< | scripts/gen-symbols.sh > $(HV_BUILD)/symbols.S
	$(Q)$(CC) -c -o $(HV_BUILD)/symbols.o $(HV_BUILD)/symbols.S
	$(Q)$(LD) $(HV_LDFLAGS) -T $(HV_LDS) -o $@ $(HV_OBJS) $(HV_BUILD)/symbols.o

-include $(HV_OBJS:.o=.d)
