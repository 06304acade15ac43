/* SPDX-License-Identifier: MIT */
/* Verdicts (worst wins), assertions that print expected and actual, the RESULT line. */
#include <stdarg.h>
#include <xt.h>

static enum xt_status status = XT_NONE;
/* The last case an assertion checked: named when the hypervisor stops answering. */
static const char *last_case = "test start";

static const char *const status_names[] = {
	[XT_NONE] = "NONE", [XT_PASS] = "PASS", [XT_SKIP] = "SKIP",
	[XT_ERROR] = "ERROR", [XT_FAIL] = "FAIL",
};

enum xt_status xt_worst(enum xt_status a, enum xt_status b)
{
	return a > b ? a : b;
}

enum xt_status xt_status(void)
{
	return status;
}

const char *xt_status_name(enum xt_status s)
{
	return s <= XT_FAIL ? status_names[s] : "?";
}

static void verdict(enum xt_status s, const char *fmt, va_list ap)
{
	char line[400];

	status = xt_worst(status, s);
	xt_vsnprintf(line, sizeof(line), fmt, ap);
	xt_printf("%s: %s\n", status_names[s], line);
}

void xt_pass(void)
{
	status = xt_worst(status, XT_PASS);
}

#define DEFINE_VERDICT(fn, s)				\
	void fn(const char *fmt, ...)			\
	{						\
		va_list ap;				\
							\
		va_start(ap, fmt);			\
		verdict(s, fmt, ap);			\
		va_end(ap);				\
	}

DEFINE_VERDICT(xt_skip, XT_SKIP)
DEFINE_VERDICT(xt_error, XT_ERROR)
DEFINE_VERDICT(xt_fail, XT_FAIL)

void xt_report(void)
{
	static bool reported;

	if (reported)
		return;
	reported = true;
	if (status == XT_NONE) {
		xt_printf("ERROR: the test gave no verdict\n");
		status = XT_ERROR;
	}
	xt_printf("RESULT: %s\n", status_names[status]);
}

void xt_finish(void)
{
	struct shale_sched_shutdown s = { .reason = SHALE_SHUTDOWN_poweroff };
	long rc;

	xt_report();
	rc = hc_sched_op(SHALE_SCHEDOP_shutdown, &s);
	/* Still here: say so, drop our handlers and fault, so the domain is crashed. */
	xt_printf("shutdown(poweroff) returned %ld\n", rc);
	hc_set_trap_table(NULL);
	for (;;)
		asm volatile("ud2");
}

static const struct {
	int value;
	const char *name;
} errnos[] = {
	{ SHALE_EPERM, "EPERM" }, { SHALE_ENOENT, "ENOENT" }, { SHALE_ESRCH, "ESRCH" },
	{ SHALE_EINTR, "EINTR" }, { SHALE_EIO, "EIO" }, { SHALE_E2BIG, "E2BIG" },
	{ SHALE_ENOEXEC, "ENOEXEC" }, { SHALE_EBADF, "EBADF" }, { SHALE_EAGAIN, "EAGAIN" },
	{ SHALE_ENOMEM, "ENOMEM" }, { SHALE_EACCES, "EACCES" }, { SHALE_EFAULT, "EFAULT" },
	{ SHALE_EBUSY, "EBUSY" }, { SHALE_EEXIST, "EEXIST" }, { SHALE_EXDEV, "EXDEV" },
	{ SHALE_ENODEV, "ENODEV" }, { SHALE_EINVAL, "EINVAL" }, { SHALE_ENOSPC, "ENOSPC" },
	{ SHALE_ERANGE, "ERANGE" }, { SHALE_ENOSYS, "ENOSYS" }, { SHALE_ENODATA, "ENODATA" },
	{ SHALE_EOVERFLOW, "EOVERFLOW" }, { SHALE_EOPNOTSUPP, "EOPNOTSUPP" },
	{ SHALE_ETIMEDOUT, "ETIMEDOUT" }, { SHALE_EALREADY, "EALREADY" },
};

const char *xt_rc_name(int64_t rc, char *buf, unsigned int size)
{
	if (rc < 0) {
		for (unsigned int i = 0; i < ARRAY_SIZE(errnos); i++)
			if (rc == -errnos[i].value) {
				xt_snprintf(buf, size, "-%s", errnos[i].name);
				return buf;
			}
		xt_snprintf(buf, size, "-E?(%ld)", (long)rc);
		return buf;
	}
	xt_snprintf(buf, size, "%ld", (long)rc);
	return buf;
}

bool xt_check_eq(int64_t actual, int64_t expected, const char *what)
{
	last_case = what;
	if (actual == expected)
		return true;
	xt_fail("%s: expected %ld (0x%lx), got %ld (0x%lx)", what, (long)expected,
		(unsigned long)expected, (long)actual, (unsigned long)actual);
	return false;
}

bool xt_check_rc(int64_t rc, int64_t expected, const char *what)
{
	char e[24], a[24];

	last_case = what;
	if (rc == expected)
		return true;
	xt_fail("%s: expected %s, got %s", what, xt_rc_name(expected, e, sizeof(e)),
		xt_rc_name(rc, a, sizeof(a)));
	return false;
}

bool xt_hypervisor_alive(void)
{
	static const char probe[] = "";
	long v = hc_version(SHALE_VERSION_version, NULL);
	long w = xt_write(probe, 0);
	char a[24];

	if (v == XT_ABI_VERSION && w == 0)
		return true;
	xt_fail("hypervisor stopped answering after '%s': version gave 0x%lx, console write %s",
		last_case, v, xt_rc_name(w, a, sizeof(a)));
	return false;
}

bool xt_expect_refused(int64_t rc, int64_t expected, const char *what)
{
	bool ok = xt_check_rc(rc, expected, what);

	return xt_hypervisor_alive() && ok;
}
