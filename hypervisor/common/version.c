/* SPDX-License-Identifier: MIT */
/* version: the ABI version, the build string and the feature bits. */
#include <public/version.h>
#include <string.h>
#include "bootinfo.h"
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"

#define SHALE_EXTRAVERSION	"-dev"

static long version_extra(uint64_t arg)
{
	struct shale_version_extra out;

	memset(&out, 0, sizeof(out));
	strlcpy(out.extra, SHALE_EXTRAVERSION, sizeof(out.extra));
	return copy_to_guest(arg, &out, sizeof(out));
}

static long version_features(uint64_t arg)
{
	struct shale_version_features f;

	if (copy_from_guest(&f, arg, sizeof(f)))
		return -EFAULT;
	f.submap = f.submap_idx == 0 ? SHALE_FEAT_console_read | SHALE_FEAT_sched_block : 0;
	return copy_to_guest(arg, &f, sizeof(f));
}

static long version_commandline(uint64_t arg)
{
	static struct shale_version_commandline out;	/* 1 KiB: not on the stack */

	_Static_assert(sizeof(out.line) >= BOOT_CMDLINE_MAX, "the whole command line fits");
	if (!current_domain()->privileged)
		return -EPERM;
	memset(&out, 0, sizeof(out));
	strlcpy(out.line, boot_info.cmdline, sizeof(out.line));
	return copy_to_guest(arg, &out, sizeof(out));
}

long do_version(unsigned int cmd, uint64_t arg)
{
	switch (cmd) {
	case SHALE_VERSION_version:
		return (SHALE_ABI_MAJOR << 16) | SHALE_ABI_MINOR;
	case SHALE_VERSION_extraversion:
		return version_extra(arg);
	case SHALE_VERSION_get_features:
		return version_features(arg);
	case SHALE_VERSION_commandline:
		return version_commandline(arg);
	default:
		return -ENOSYS;
	}
}
