/* SPDX-License-Identifier: MIT */
/*
 * domctl_bad: what domctl must refuse, even to dom0.
 *
 * What: interface_version 0, 2 and 0xffffffff are -EINVAL; unknown cmds
 * (0, 6, 13, 23, 99, 0xffffffff) are -ENOSYS whether the domain field
 * names dom0 or another domain; every op on an id that names no domain
 * (1234, 0x7fef, SHALE_DOMID_INVALID) is -ESRCH; destroy, pause and
 * unpause of dom0, the caller, are -EINVAL; createdomain with an empty or
 * unterminated name, max_vcpus 0 or 2, or id 0x7ff0 or 0xffff is -EINVAL,
 * and with an id in use -EEXIST, none of them creating a domain; each bad
 * pointer as op, or as readconsole's buffer, is -EFAULT.
 *
 * Why: domctl.h and ABI.md ("so does an unknown sub-op"): the toolstack
 * probes with unknown cmds and bad ids; dom0 destroying or pausing itself
 * would leave nobody to run the machine.
 *
 * Broken hypervisor: dom0 paused or destroyed (the runner's time-out or
 * a panic), a domain created despite a refusal, a bad id dereferenced,
 * or the wrong errno for an unknown cmd.
 */
#include <xt.h>

const char test_title[] = "domctl: bad version, unknown cmd, no such domain, bad create";

static const uint32_t on_domain[] = {
	SHALE_DOMCTL_destroydomain, SHALE_DOMCTL_pausedomain, SHALE_DOMCTL_unpausedomain,
	SHALE_DOMCTL_getdomaininfo, SHALE_DOMCTL_max_mem, SHALE_DOMCTL_setvcpucontext,
	SHALE_DOMCTL_sched_get, SHALE_DOMCTL_sched_set, SHALE_DOMCTL_remote_shutdown,
};

static void refused(uint32_t cmd, shale_domid_t d, long expect, const char *what)
{
	struct shale_domctl op = { .u.sched.weight = 256 };
	char w[96];

	xt_snprintf(w, sizeof(w), "domctl cmd %u on domain 0x%x: %s", cmd, d, what);
	xt_expect_refused(xt_domctl(&op, cmd, d), expect, w);
}

static void bad_create(shale_domid_t id, const char *name, uint32_t vcpus, long expect,
		       const char *what)
{
	struct shale_domctl op = { .u.createdomain.max_vcpus = vcpus };

	memcpy(op.u.createdomain.name, name, strlen(name) < 32 ? strlen(name) + 1 : 32);
	xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_createdomain, id), expect, what);
}

void test_main(void)
{
	static const uint32_t unknown[] = { 0, 6, 13, 23, 99, 0xffffffff };
	static const shale_domid_t none[] = { 1234, 0x7fef, SHALE_DOMID_INVALID };
	struct shale_domctl_physinfo before, after;
	struct shale_domctl op = { .cmd = SHALE_DOMCTL_physinfo };
	long d = xt_create_domain("xt-bad");
	char w[96];

	if (d < 0 || !xt_expect_rc(xt_physinfo(&before), 0, "physinfo"))
		return;
	for (uint32_t v = 0; v < 3; v++) {
		op.interface_version = v == 0 ? 0 : v == 1 ? 2 : 0xffffffff;
		xt_expect_refused(hc_domctl(&op), -SHALE_EINVAL, "physinfo, bad interface_version");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(unknown); i++) {
		refused(unknown[i], 0, -SHALE_ENOSYS, "unknown cmd");
		refused(unknown[i], d, -SHALE_ENOSYS, "unknown cmd");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(none); i++)
		for (unsigned int c = 0; c < ARRAY_SIZE(on_domain); c++)
			refused(on_domain[c], none[i], -SHALE_ESRCH, "no such domain");
	refused(SHALE_DOMCTL_destroydomain, 0, -SHALE_EINVAL, "dom0, the caller");
	refused(SHALE_DOMCTL_pausedomain, 0, -SHALE_EINVAL, "dom0, the caller");
	refused(SHALE_DOMCTL_unpausedomain, 0, -SHALE_EINVAL, "dom0, the caller");

	bad_create(0, "", 1, -SHALE_EINVAL, "createdomain with an empty name");
	bad_create(0, "0123456789abcdef0123456789abcdef", 1, -SHALE_EINVAL,
		   "createdomain with an unterminated name");
	bad_create(0, "xt", 0, -SHALE_EINVAL, "createdomain with max_vcpus 0");
	bad_create(0, "xt", 2, -SHALE_EINVAL, "createdomain with max_vcpus 2");
	bad_create(0x7ff0, "xt", 1, -SHALE_EINVAL, "createdomain with id 0x7ff0");
	bad_create(0xffff, "xt", 1, -SHALE_EINVAL, "createdomain with id 0xffff");
	bad_create(d, "xt", 1, -SHALE_EEXIST, "createdomain with an id in use");
	xt_expect_rc(xt_physinfo(&after), 0, "physinfo");
	xt_expect_eq(after.nr_domains, before.nr_domains, "nr_domains after the refused creates");

	for (unsigned int i = 0; i < xt_nr_bad_ptrs; i++) {
		xt_snprintf(w, sizeof(w), "domctl op at %s", xt_bad_ptrs[i].name);
		xt_expect_refused(hc_domctl((void *)xt_bad_ptrs[i].addr), -SHALE_EFAULT, w);
		op = (struct shale_domctl){ .u.console = { xt_bad_ptrs[i].addr, 4096 } };
		xt_snprintf(w, sizeof(w), "readconsole into %s", xt_bad_ptrs[i].name);
		xt_expect_refused(xt_domctl(&op, SHALE_DOMCTL_readconsole, 0), -SHALE_EFAULT, w);
	}
	xt_expect_rc(xt_domctl(&op, SHALE_DOMCTL_destroydomain, d), 0, "destroydomain");
	xt_pass();
}
