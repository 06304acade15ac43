# SPDX-License-Identifier: MIT
# Toolchain and flags shared by every fragment.

CC ?= gcc
LD := ld
OBJCOPY := objcopy
NM := nm
HOSTCC := gcc

WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes

# Code that runs without an OS under it: the hypervisor and guest kernels.
# No SSE (the hypervisor does not save guest FPU state around its own code),
# no red zone (exceptions and bounces write below rsp), frame pointers for
# backtraces.
FREESTANDING_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-builtin \
	-fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fcf-protection=none \
	-mno-red-zone -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 \
	-Iinclude

HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -Iinclude

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-7s %s\n'
endif
