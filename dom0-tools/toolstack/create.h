/* SPDX-License-Identifier: MIT */
/*
 * Domains from configuration files: load and parse a config from the
 * initrd, build the domain it describes (build.h) and remember it
 * (domains.h); destroy one. Messages come back in a caller's buffer as
 * one line without a newline, so `shl` and the policy thread can each
 * prefix them their own way.
 */
#ifndef SHALE_DOM0_TOOLSTACK_CREATE_H
#define SHALE_DOM0_TOOLSTACK_CREATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "config.h"

/* The hypervisor's largest cap: one vCPU's worth (a bigger config value is clamped). */
#define TS_MAX_CAP	100u

/* Where a config named without a '/' is looked for, as xl looks in /etc/xen. */
#define TS_CONFIG_DIR	"/etc/shale"

/*
 * The path a config argument means: itself if it contains a '/', else
 * TS_CONFIG_DIR/ARG, or TS_CONFIG_DIR/ARG.cfg when only that exists in the
 * initrd. Returns false if it does not fit in size bytes.
 */
bool ts_config_path(const char *arg, char *path, size_t size);

/*
 * Reads path from the initrd and parses it into a newly malloc()ed config
 * (*out; the caller frees it, or hands it to ts_create()). The config's
 * warnings are in (*out)->warnings. On failure msg holds the parser's
 * "FILE:LINE:COL: error: ..." or "FILE: no such file" and the result is
 * -SHALE_EINVAL, -SHALE_ENOENT or -SHALE_ENOMEM.
 */
int ts_config_load(const char *path, struct domain_config **out, char *msg, size_t size);

/*
 * Builds the domain cfg describes and records it under path; takes
 * ownership of cfg (freed on failure). The kernel and ramdisk are read
 * from the initrd. Paused if paused is set, else running. Returns 0 with
 * *domid set, or a negative SHALE_E* value with msg saying which step
 * failed and why.
 */
int ts_create(struct domain_config *cfg, const char *path, bool paused, uint16_t *domid,
	      char *msg, size_t size);

/* Destroys domid and forgets it. Returns 0 or the domctl's error. */
int ts_destroy(uint16_t domid);

/*
 * The domain called name (exactly; dying domains are skipped) or, when
 * name is all digits, the domain with that id. -SHALE_ESRCH if none.
 */
int ts_lookup(const char *name, uint16_t *domid);
/* True when ts_lookup() takes arg as a domain id (all digits), not a name. */
bool ts_is_domid_arg(const char *arg);

#endif /* SHALE_DOM0_TOOLSTACK_CREATE_H */
