/* SPDX-License-Identifier: MIT */
/*
 * abi_version: the version hypercall and its sub-ops.
 *
 * What: SHALE_VERSION_version returns (major << 16) | minor of
 * include/public/shale.h; extraversion writes a NUL-terminated string
 * into all 16 bytes it is given; get_features returns 0 and writes the
 * submap (words above 0 are all zero); the result of version is the same
 * however often it is asked.
 *
 * Why: version is how a guest decides whether it can run at all, and it is
 * the null hypercall every other test uses to see the hypervisor is alive.
 *
 * Broken hypervisor: a wrong number, an unterminated string or a write
 * past the 16 bytes (the guard bytes after it change), garbage in unused
 * feature words.
 */
#include <xt.h>

const char test_title[] = "version: ABI number, extraversion, feature words";

static struct {
	struct shale_version_extra extra;
	uint8_t guard[16];
} buf;

static unsigned int strnlen16(const char *s)
{
	unsigned int n = 0;

	while (n < 16 && s[n])
		n++;
	return n;
}

void test_main(void)
{
	struct shale_version_features feat;
	long rc;

	for (int i = 0; i < 100; i++)
		if (!xt_expect_eq(hc_version(SHALE_VERSION_version, NULL), XT_ABI_VERSION,
				  "version"))
			break;

	memset(&buf, 0xa5, sizeof(buf));
	rc = hc_version(SHALE_VERSION_extraversion, &buf.extra);
	xt_expect_rc(rc, 0, "extraversion");
	if (strnlen16(buf.extra.extra) == 16)
		xt_fail("extraversion: no NUL in the 16 bytes");
	for (unsigned int i = 0; i < sizeof(buf.guard); i++)
		if (buf.guard[i] != 0xa5) {
			xt_fail("extraversion wrote past its 16 bytes (guard byte %u)", i);
			break;
		}

	for (uint32_t idx = 0; idx < 4; idx++) {
		feat.submap_idx = idx;
		feat.submap = 0xdeadbeef;
		rc = hc_version(SHALE_VERSION_get_features, &feat);
		xt_expect_rc(rc, 0, "get_features");
		xt_expect_eq(feat.submap_idx, idx, "get_features keeps submap_idx");
		if (idx > 0)
			xt_expect_eq(feat.submap, 0, "feature words above 0 are zero");
		else if (feat.submap == 0xdeadbeef)
			xt_fail("get_features did not write submap 0");
	}
	xt_pass();
}
