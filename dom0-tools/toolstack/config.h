/* SPDX-License-Identifier: MIT */
/*
 * The domain configuration parser behind `shl create`: the PV subset of
 * xl.cfg (see dom0-tools/toolstack/README.md for the syntax and defaults).
 *
 * Pure code: no allocation, no I/O, no libc beyond <string.h>, so the same
 * file builds into dom0 and into the host unit tests. The caller owns every
 * buffer; struct domain_config is large (about 17 KiB), so keep it static
 * or in the caller's heap, not on a small stack.
 *
 * Messages name the file, line and column (both from 1, in bytes: a tab is
 * one column) and say what was expected:
 *   vm.cfg:3:10: error: expected a value after '='
 *   vm.cfg:7:1: warning: unknown key 'foo' (ignored)
 */
#ifndef SHALE_DOM0_TOOLSTACK_CONFIG_H
#define SHALE_DOM0_TOOLSTACK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Buffer sizes in bytes, the terminating NUL included. */
#define CFG_NAME_MAX		64
#define CFG_PATH_MAX		256	/* kernel, ramdisk */
#define CFG_CMDLINE_MAX		1024
#define CFG_SPEC_MAX		256	/* a disk or vif list element; a disk target */
#define CFG_VDEV_MAX		16	/* "xvda" */
#define CFG_BRIDGE_MAX		16	/* a Linux interface name: 15 characters */
#define CFG_WARNING_MAX		160
#define CFG_ERROR_MAX		256

/* Table sizes. */
#define CFG_MAX_DISKS		16
#define CFG_MAX_VIFS		16
#define CFG_MAX_WARNINGS	8

/* Limits and defaults of the numeric keys. */
#define CFG_MAX_VCPUS		128
#define CFG_MEMORY_MIN_MIB	1
#define CFG_MEMORY_MAX_MIB	(1ull << 24)	/* 16 TiB: bytes still fit in 64 bits */
#define CFG_DEFAULT_MEMORY_MIB	32		/* libxl's default when memory is unset */
#define CFG_DEFAULT_CPU_WEIGHT	256
#define CFG_MAX_CPU_WEIGHT	65535
#define CFG_DEFAULT_BRIDGE	"xenbr0"

enum cfg_domain_type {
	CFG_TYPE_PV,		/* the only type Shale runs */
};

/* What to do when the guest powers off, reboots or crashes (xl's names). */
enum cfg_action {
	CFG_ACTION_DESTROY,
	CFG_ACTION_RESTART,
	CFG_ACTION_RENAME_RESTART,
	CFG_ACTION_PRESERVE,
	CFG_ACTION_COREDUMP_DESTROY,
	CFG_ACTION_COREDUMP_RESTART,
	CFG_NR_ACTIONS
};

enum cfg_disk_format {
	CFG_DISK_RAW,		/* the default */
	CFG_DISK_QCOW,
	CFG_DISK_QCOW2,
	CFG_DISK_VHD,
	CFG_DISK_QED,
	CFG_NR_DISK_FORMATS
};

enum cfg_disk_access {
	CFG_DISK_RW,		/* "w" or "rw", the default */
	CFG_DISK_RO,		/* "r" or "ro" */
};

/* One element of `disk = [...]`. */
struct cfg_disk {
	char spec[CFG_SPEC_MAX];	/* the element as written (escapes decoded) */
	char target[CFG_SPEC_MAX];	/* image or device path, never empty */
	char vdev[CFG_VDEV_MAX];	/* device name the guest sees: xvda, hdb, sdc1 */
	enum cfg_disk_format format;
	enum cfg_disk_access access;
};

/* One element of `vif = [...]`. */
struct cfg_vif {
	char spec[CFG_SPEC_MAX];	/* the element as written (escapes decoded) */
	bool has_mac;			/* false: the toolstack picks a MAC */
	uint8_t mac[6];			/* unicast; valid when has_mac */
	char bridge[CFG_BRIDGE_MAX];	/* CFG_DEFAULT_BRIDGE unless given */
};

struct domain_config {
	char name[CFG_NAME_MAX];	/* mandatory; printable, no spaces, not all digits */
	enum cfg_domain_type type;
	uint64_t memory_mib;		/* initial allocation */
	uint64_t maxmem_mib;		/* ceiling for ballooning; >= memory_mib */
	unsigned int vcpus;		/* online at boot, 1..CFG_MAX_VCPUS */
	unsigned int maxvcpus;		/* vcpus ..CFG_MAX_VCPUS */
	char kernel[CFG_PATH_MAX];	/* mandatory */
	char ramdisk[CFG_PATH_MAX];	/* "" for none */
	char cmdline[CFG_CMDLINE_MAX];	/* `cmdline`, or `root` and `extra` combined */
	enum cfg_action on_poweroff;	/* default destroy */
	enum cfg_action on_reboot;	/* default restart */
	enum cfg_action on_crash;	/* default destroy */
	unsigned int cpu_weight;	/* credit scheduler weight, 1..65535 */
	unsigned int cap;		/* percent of one CPU, 0 = uncapped; <= 100 * maxvcpus */
	unsigned int nr_disks;
	struct cfg_disk disks[CFG_MAX_DISKS];
	unsigned int nr_vifs;
	struct cfg_vif vifs[CFG_MAX_VIFS];
	/* Warnings in file order, each a whole line without a newline. */
	unsigned int nr_warnings;
	unsigned int nr_warnings_dropped;	/* warnings past CFG_MAX_WARNINGS */
	char warnings[CFG_MAX_WARNINGS][CFG_WARNING_MAX];
};

struct cfg_error {
	unsigned int line;		/* from 1 */
	unsigned int column;		/* from 1, in bytes */
	char message[CFG_ERROR_MAX];	/* "FILE:LINE:COL: error: ...", no newline */
};

/*
 * Parses len bytes of text (need not be NUL-terminated; a NUL byte is an
 * error) into *out, filling every key the text leaves out with its default.
 * filename is only used in messages (NULL reads as "config"); err may be
 * NULL. Stops at the first error.
 *
 * Returns 0 on success (out->warnings may still hold warnings), or
 * -SHALE_EINVAL with *err filled in; then *out holds only partial results,
 * except that its warnings up to the error are valid.
 */
int cfg_parse(const char *text, size_t len, const char *filename, struct domain_config *out,
	      struct cfg_error *err);

/* xl's spelling of an action ("rename-restart"), or "?" when out of range. */
const char *cfg_action_name(enum cfg_action action);

/* The format's name as written in a disk spec ("qcow2"), or "?" when out of range. */
const char *cfg_disk_format_name(enum cfg_disk_format format);

#endif /* SHALE_DOM0_TOOLSTACK_CONFIG_H */
