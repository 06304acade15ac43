/* SPDX-License-Identifier: MIT */
/* Domains from config files: load, parse, build, remember; destroy; find by name. */
#include <compiler.h>
#include <ctype.h>
#include <malloc.h>
#include <printf.h>
#include <string.h>
#include <public/errno.h>
#include "build.h"
#include "devices.h"
#include "create.h"
#include "domains.h"
#include "domctl.h"
#include "errname.h"
#include "initrd.h"

bool ts_config_path(const char *arg, char *path, size_t size)
{
	struct ustar_file f;
	int n;

	if (strchr(arg, '/'))
		return snprintf(path, size, "%s", arg) < (int)size;
	n = snprintf(path, size, "%s/%s", TS_CONFIG_DIR, arg);
	if (n >= (int)size)
		return false;
	/* "hello" finds /etc/shale/hello.cfg when there is no /etc/shale/hello. */
	if (initrd_find(path, &f) == -SHALE_ENOENT && (size_t)n + 4 < size) {
		strlcat(path, ".cfg", size);
		if (initrd_find(path, &f) != 0)
			path[n] = '\0';
	}
	return true;
}

/* A regular file of the initrd; msg says why not. */
static int read_file(const char *what, const char *path, struct ustar_file *f, char *msg,
		     size_t size)
{
	int rc = initrd_find(path, f);

	if (rc == -SHALE_ENOENT) {
		snprintf(msg, size, "%s%s: no such file", what, path);
		return rc;
	}
	if (rc < 0) {
		snprintf(msg, size, "%s%s: the initrd is corrupt (%s)", what, path,
			 ts_errname(rc));
		return rc;
	}
	if (f->type != USTAR_TYPE_FILE && f->type != '\0') {
		snprintf(msg, size, "%s%s: not a regular file", what, path);
		return -SHALE_EINVAL;
	}
	return 0;
}

int ts_config_load(const char *path, struct domain_config **out, char *msg, size_t size)
{
	struct ustar_file f;
	struct cfg_error err;
	struct domain_config *cfg;
	int rc = read_file("", path, &f, msg, size);

	if (rc)
		return rc;
	cfg = malloc(sizeof(*cfg));
	if (!cfg) {
		snprintf(msg, size, "%s: out of memory in dom0", path);
		return -SHALE_ENOMEM;
	}
	rc = cfg_parse(f.data, f.size, path, cfg, &err);
	if (rc) {
		strlcpy(msg, err.message, size);
		free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

/* Another live domain already called name? Names are how users say which domain. */
static int name_in_use(const char *name, uint16_t *domid)
{
	ts_dominfo_t info;
	uint32_t id = 0;

	while (id < SHALE_DOMID_FIRST_RESERVED && ts_domain_info_next(id, &info) == 0) {
		if (!(info.flags & SHALE_DOMINF_dying) && !strcmp(info.name, name)) {
			*domid = info.domain;
			return 1;
		}
		id = info.domain + 1u;
	}
	return 0;
}

static int fill_spec(const struct domain_config *cfg, struct ts_build_spec *spec, char *msg,
		     size_t size)
{
	struct ustar_file kernel, ramdisk;
	int rc;

	memset(spec, 0, sizeof(*spec));
	rc = read_file("kernel ", cfg->kernel, &kernel, msg, size);
	if (rc)
		return rc;
	spec->kernel = kernel.data;
	spec->kernel_size = kernel.size;
	if (cfg->ramdisk[0]) {
		rc = read_file("ramdisk ", cfg->ramdisk, &ramdisk, msg, size);
		if (rc)
			return rc;
		spec->ramdisk = ramdisk.data;
		spec->ramdisk_size = ramdisk.size;
	}
	spec->name = cfg->name;
	spec->nr_pages = cfg->memory_mib << 8;
	spec->max_pages = cfg->maxmem_mib << 8;
	spec->cmdline = cfg->cmdline;
	spec->weight = cfg->cpu_weight;
	spec->cap = MIN(cfg->cap, TS_MAX_CAP);
	return 0;
}

int ts_create(struct domain_config *cfg, const char *path, bool paused, uint16_t *domid,
	      char *msg, size_t size)
{
	struct ts_build_spec spec;
	struct ts_build_result res;
	char why[160];
	uint16_t other;
	int rc;

	if (name_in_use(cfg->name, &other)) {
		snprintf(msg, size, "a domain named '%s' already exists (d%u)", cfg->name, other);
		rc = -SHALE_EEXIST;
		goto out;
	}
	rc = fill_spec(cfg, &spec, msg, size);
	if (rc)
		goto out;
	spec.paused = paused;
	rc = ts_build_domain(&spec, &res);
	if (rc) {
		ts_build_describe(&res, why, sizeof(why));
		snprintf(msg, size, "%s: building failed at %s", cfg->name, why);
		goto out;
	}
	*domid = res.domid;
	if (!ts_domains_add(res.domid, cfg, path))
		snprintf(msg, size, "%s (d%u) is running, but dom0 has no memory to remember "
			 "its config: on_* policies will not apply", spec.name, res.domid);
	return 0;
out:
	free(cfg);
	return rc;
}

int ts_destroy(uint16_t domid)
{
	int rc;

	/* dom0 lets go of the rings first: a frame it still maps would keep the domain dying. */
	ts_rings_release(domid);
	rc = ts_domain_destroy(domid);

	if (!rc || rc == -SHALE_ESRCH)
		ts_domains_remove(domid);
	return rc;
}

bool ts_is_domid_arg(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit(*s))
			return false;
	return true;
}

int ts_lookup(const char *name, uint16_t *domid)
{
	ts_dominfo_t info;

	if (ts_is_domid_arg(name)) {
		unsigned long id = strlen(name) <= 5 ? strtoul(name, NULL, 10) : ~0UL;

		if (id >= SHALE_DOMID_FIRST_RESERVED || ts_domain_info((uint16_t)id, &info))
			return -SHALE_ESRCH;
		*domid = (uint16_t)id;
		return 0;
	}
	return name_in_use(name, domid) ? 0 : -SHALE_ESRCH;
}
