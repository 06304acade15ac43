# SPDX-License-Identifier: MIT
# LMDB for dom0: LMDB's C sources, compiled from the Debian package that
# ships them (golang-github-bmatsuo-lmdb-go-dev, installed by
# scripts/install-deps.sh), over a small POSIX shim (posix/), into one
# archive that dom0.elf links.
#
# For dom0 code that uses LMDB or the shim's headers (the store core):
#   DOM0_POSIX_CFLAGS   include flags: the shim's headers and <lmdb.h>.
#                       They must come BEFORE $(GUEST_CFLAGS), because the
#                       shim's <string.h> wraps guest-kernel's; use
#                       $(call posix-cc,OUT,SRC[,EXTRA_FLAGS]) which does that.
#   DOM0_LMDB_LIB       the archive (LMDB + shim) to link into dom0.elf.
# Code compiled with plain guest-cc does not see any of this.

ifndef GUEST_CFLAGS
$(error GUEST_CFLAGS is not set: include guest-kernel/build.mk before xenstore/dom0/build.mk)
endif

LMDB_SRC_DIR := /usr/share/gocode/src/github.com/bmatsuo/lmdb-go/lmdb
POSIX_DIR := xenstore/dom0/posix
XS_DOM0_BUILD := $(BUILD)/xenstore/dom0

DOM0_POSIX_CFLAGS := -I$(POSIX_DIR)/include -I$(LMDB_SRC_DIR)

define posix-cc
@mkdir -p $(dir $(1))
$(quiet) CC $(1)
$(Q)$(CC) $(DOM0_POSIX_CFLAGS) $(GUEST_CFLAGS) $(3) -c -o $(1) $(2)
endef

# LMDB's build switches for dom0:
#   MDB_USE_ROBUST=0       no robust mutexes (no thread can die holding one)
#   MDB_FDATASYNC_WORKS    skips the old-Linux ext3/ext4 probe (statfs, uname)
# LMDB is third-party code: the one warning it trips under our strict set
# (deliberate switch fall-throughs without a marker) is turned off for it
# alone; -Werror stays.
LMDB_CFLAGS := -DMDB_USE_ROBUST=0 -DMDB_FDATASYNC_WORKS -Wno-implicit-fallthrough

lmdb-obj-y += mdb.o
lmdb-obj-y += midl.o

posix-obj-y += memfs.o
posix-obj-y += backing.o
posix-obj-y += fd.o
posix-obj-y += mman.o
posix-obj-y += pthread.o
posix-obj-y += libc.o
posix-obj-y += stdio.o

LMDB_OBJS := $(addprefix $(XS_DOM0_BUILD)/lmdb/,$(lmdb-obj-y))
POSIX_OBJS := $(addprefix $(XS_DOM0_BUILD)/posix/,$(posix-obj-y))
DOM0_LMDB_LIB := $(XS_DOM0_BUILD)/liblmdb-dom0.a

$(LMDB_SRC_DIR)/mdb.c $(LMDB_SRC_DIR)/midl.c:
	@echo "LMDB sources missing ($@): run 'make deps' (package golang-github-bmatsuo-lmdb-go-dev)" >&2
	@exit 1

$(LMDB_OBJS): $(XS_DOM0_BUILD)/lmdb/%.o: $(LMDB_SRC_DIR)/%.c
	$(call posix-cc,$@,$<,$(LMDB_CFLAGS))

$(POSIX_OBJS): $(XS_DOM0_BUILD)/posix/%.o: $(POSIX_DIR)/%.c
	$(call posix-cc,$@,$<)

$(DOM0_LMDB_LIB): $(LMDB_OBJS) $(POSIX_OBJS)
	@mkdir -p $(dir $@)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

-include $(LMDB_OBJS:.o=.d) $(POSIX_OBJS:.o=.d)
