/* SPDX-License-Identifier: MIT */
/*
 * abi_commandline: version(commandline) gives dom0 the hypervisor's
 * command line.
 *
 * What: booted with "loglvl=info scrub=idle dom0_mem=64M" (test.mk), the
 * call returns 0 and writes exactly that, NUL-terminated, into the
 * 1024-byte structure and not a byte past it (a guard after it keeps its
 * pattern); the rest of the structure is zero. Asked twice, the answer is
 * the same. (An unprivileged domain is refused: isolation_domu; bad
 * pointers: ptr_core.)
 *
 * Why: version.h; dom0's `shl info` shows it as xen_commandline, as xl
 * does, without depending on the boot line still being in the log ring.
 *
 * Broken hypervisor: another string (the boot loader's file name left
 * in, a truncated line), no terminator, or a write past the structure.
 */
#include <xt.h>

const char test_title[] = "version commandline: the boot command line, whole and terminated";

#define EXPECTED	"loglvl=info scrub=idle dom0_mem=64M"

static struct {
	struct shale_version_commandline cl;
	uint8_t guard[64];
} buf;

static bool same_string(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

void test_main(void)
{
	unsigned int len = sizeof(EXPECTED) - 1, nonzero = 0;

	for (unsigned int round = 0; round < 2; round++) {
		for (unsigned int i = 0; i < sizeof(buf); i++)
			((uint8_t *)&buf)[i] = 0xa5;
		if (!xt_expect_rc(hc_version(SHALE_VERSION_commandline, &buf.cl), 0, "commandline"))
			return;
		if (!same_string(buf.cl.line, EXPECTED))
			xt_fail("command line \"%.80s\", expected \"%s\"", buf.cl.line, EXPECTED);
		for (unsigned int i = len; i < sizeof(buf.cl.line); i++)
			nonzero += buf.cl.line[i] != 0;
		xt_expect_eq(nonzero, 0, "non-zero bytes after the line");
		for (unsigned int i = 0; i < sizeof(buf.guard); i++)
			if (buf.guard[i] != 0xa5) {
				xt_fail("byte %u past the structure was written", i);
				break;
			}
	}
	xt_pass();
}
